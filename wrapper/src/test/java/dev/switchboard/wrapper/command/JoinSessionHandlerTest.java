package dev.switchboard.wrapper.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.contracts.messages.ParticipantJoined;
import dev.switchboard.contracts.rest.ParticipantView;
import dev.switchboard.wrapper.session.ParticipantRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.switchboard.wrapper.testing.HandlerFixture;

/** Joining: the guarded push, and the two messages. */
class JoinSessionHandlerTest {
  private static final HandlerFixture fixture = new HandlerFixture();

  private String sessionId;

  @AfterAll
  static void close() {
    fixture.close();
  }

  @BeforeEach
  void session() {
    fixture.sent.clear();
    sessionId = fixture.newSession("a");
  }

  @Test
  void theJoinerLearnsWhoIsThereAndEveryoneLearnsAboutTheJoiner() {
    fixture.joins.handle(fixture.join(sessionId, "p1"));
    fixture.joins.handle(fixture.join(sessionId, "p2"));

    assertThat(fixture.to("user.p1", ExistingParticipants.class)).containsExactly(new ExistingParticipants(java.util.List.of()));
    assertThat(fixture.to("user.p2", ExistingParticipants.class))
        .containsExactly(new ExistingParticipants(java.util.List.of(new ParticipantView("p1", "name of p1"))));
    assertThat(fixture.to("session." + sessionId, ParticipantJoined.class)).containsExactly(
        new ParticipantJoined("p1", "name of p1"), new ParticipantJoined("p2", "name of p2"));
  }

  @Test
  void theSameJoinTwiceAddsOneParticipantAndRepeatsTheMessages() {
    JoinSession join = fixture.join(sessionId, "p1");
    fixture.joins.handle(join);
    fixture.joins.handle(join);

    assertThat(fixture.store.findRecord(sessionId).orElseThrow().participants()).extracting(ParticipantRecord::id)
        .containsExactly("p1");
    assertThat(fixture.to("session." + sessionId, ParticipantJoined.class)).hasSize(2);
  }

  @Test
  void joiningASessionThatDoesNotExistIsRejected() {
    assertThatThrownBy(() -> fixture.joins.handle(fixture.join("no-such-session", "p1")))
        .isInstanceOfSatisfying(CommandRejectedException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_SESSION"));
  }

  @Test
  void joiningAClosingSessionIsRejected() {
    fixture.store.claimIfEmpty(sessionId);

    assertThatThrownBy(() -> fixture.joins.handle(fixture.join(sessionId, "p1")))
        .isInstanceOfSatisfying(CommandRejectedException.class, e -> assertThat(e.code()).isEqualTo("SESSION_CLOSED"));
  }

  @Test
  void aJoinBeyondTheSessionLimitIsRefusedAndChangesNothing() {
    int max = fixture.limits.maxParticipantsPerSession();
    for (int i = 0; i < max; i++) {
      fixture.joins.handle(fixture.join(sessionId, "p" + i));
    }
    fixture.sent.clear();

    assertThatThrownBy(() -> fixture.joins.handle(fixture.join(sessionId, "one-too-many")))
        .isInstanceOfSatisfying(CommandRejectedException.class, e -> assertThat(e.code()).isEqualTo("SESSION_FULL"));
    assertThat(fixture.store.findRecord(sessionId).orElseThrow().participants()).hasSize(max)
        .extracting(ParticipantRecord::id).doesNotContain("one-too-many");
    assertThat(fixture.to("session." + sessionId, ParticipantJoined.class)).isEmpty();
    // A participant already in keeps its idempotent re-join.
    fixture.joins.handle(fixture.join(sessionId, "p0"));
  }
}
