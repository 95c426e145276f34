package dev.switchboard.wrapper.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;

import dev.switchboard.contracts.messages.ParticipantLeft;
import dev.switchboard.contracts.messages.SessionClosed;
import dev.switchboard.wrapper.session.ParticipantRecord;
import dev.switchboard.wrapper.session.SessionRecord;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.switchboard.wrapper.testing.HandlerFixture;

/** Leaving: what is released, who is told, and the end of the session. */
class LeaveSessionHandlerTest {
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
    for (String p : new String[] {"p1", "p2", "p3"}) {
      fixture.joins.handle(fixture.join(sessionId, p));
      fixture.offers.handle(fixture.offer(sessionId, p, p, "pub-" + p));
    }
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p2", "p1 sees p2"));
    fixture.offers.handle(fixture.offer(sessionId, "p2", "p1", "p2 sees p1"));
    fixture.offers.handle(fixture.offer(sessionId, "p3", "p1", "p3 sees p1"));
    fixture.offers.handle(fixture.offer(sessionId, "p3", "p2", "p3 sees p2"));
  }

  @Test
  void theLeaversEndpointsAndEveryReceiverOfItsMediaAreReleased() {
    SessionRecord before = fixture.store.findRecord(sessionId).orElseThrow();
    String p1Publisher = before.participant("p1").orElseThrow().publisher().id();
    String p1Receiver = before.participant("p1").orElseThrow().receivers().getFirst().endpoint().id();
    String p2SeesP1 = receiver(before, "p2", "p1");
    String p3SeesP1 = receiver(before, "p3", "p1");
    String p3SeesP2 = receiver(before, "p3", "p2");

    fixture.leaves.handle(fixture.leave(sessionId, "p1"));

    assertThat(fixture.servers.server("a").released()).contains(p1Publisher, p1Receiver, p2SeesP1, p3SeesP1)
        .doesNotContain(p3SeesP2);
    SessionRecord after = fixture.store.findRecord(sessionId).orElseThrow();
    assertThat(after.participants()).extracting(ParticipantRecord::id).containsExactly("p2", "p3");
    assertThat(after.participant("p2").orElseThrow().receivers()).isEmpty();
    assertThat(after.participant("p3").orElseThrow().receivers()).extracting(r -> r.target()).containsExactly("p2");
    assertThat(fixture.to("session." + sessionId, ParticipantLeft.class)).containsExactly(new ParticipantLeft("p1"));
  }

  @Test
  void theLastOneOutEndsTheSession() {
    String pipeline = fixture.store.findRecord(sessionId).orElseThrow().pipeline().id();

    fixture.leaves.handle(fixture.leave(sessionId, "p1"));
    fixture.leaves.handle(fixture.leave(sessionId, "p2"));
    assertThat(fixture.store.exists(sessionId)).isTrue();
    fixture.leaves.handle(fixture.leave(sessionId, "p3"));

    assertThat(fixture.store.exists(sessionId)).isFalse();
    assertThat(fixture.servers.server("a").released()).contains(pipeline);
    assertThat(fixture.to("session." + sessionId, SessionClosed.class))
        .containsExactly(new SessionClosed(sessionId, "last participant left"));
    verify(fixture.scheduler, atLeastOnce()).schedule(any(Runnable.class), any(Instant.class));
  }

  @Test
  void aRedeliveredLeaveChangesNothingMore() {
    fixture.leaves.handle(fixture.leave(sessionId, "p1"));
    int released = fixture.servers.server("a").released().size();

    fixture.leaves.handle(fixture.leave(sessionId, "p1"));

    assertThat(fixture.servers.server("a").released()).hasSize(released);
    assertThat(fixture.store.findRecord(sessionId).orElseThrow().participants()).hasSize(2);
  }

  @Test
  void leavingASessionThatIsGoneDoesNothing() {
    fixture.leaves.handle(fixture.leave("no-such-session", "p1"));

    assertThat(fixture.to("session.no-such-session")).isEmpty();
  }

  private static String receiver(SessionRecord session, String participantId, String target) {
    return session.participant(participantId).orElseThrow().receivers().stream()
        .filter(r -> r.target().equals(target)).findFirst().orElseThrow().endpoint().id();
  }
}
