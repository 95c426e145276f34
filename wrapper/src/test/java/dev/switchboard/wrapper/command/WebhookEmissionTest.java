package dev.switchboard.wrapper.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.contracts.webhooks.MediaServerLost;
import dev.switchboard.contracts.webhooks.ParticipantJoined;
import dev.switchboard.contracts.webhooks.ParticipantLeft;
import dev.switchboard.contracts.webhooks.SessionEnded;
import dev.switchboard.contracts.webhooks.SessionStarted;
import dev.switchboard.contracts.webhooks.WebhookEvent;
import dev.switchboard.wrapper.failover.RecoveryCause;
import dev.switchboard.wrapper.failover.SessionRecovery.Outcome;
import dev.switchboard.wrapper.messaging.SessionQueueConsumers;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.testing.HandlerFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the webhooks are emitted: once the fact is true in MongoDB, again (same id) on a
 * redelivery, and never for something that did not happen.
 */
class WebhookEmissionTest {
  private static final HandlerFixture fixture = new HandlerFixture();

  @AfterAll
  static void close() {
    fixture.close();
  }

  @BeforeEach
  void clear() {
    fixture.webhookEvents.clear();
  }

  @Test
  void createEmitsSessionStartedAndARedeliveryTheSameEvent() {
    String sessionId = "s-" + UUID.randomUUID();
    CreateSessionHandler handler = new CreateSessionHandler(fixture.store, fixture.pool, fixture.releaser,
        fixture.placement, mock(SessionQueueConsumers.class), fixture.webhooks);
    CreateSession create = new CreateSession("c-" + UUID.randomUUID(), sessionId, Instant.EPOCH);

    handler.handle(create);
    handler.handle(create);

    SessionRecord session = fixture.store.findRecord(sessionId).orElseThrow();
    assertThat(events(SessionStarted.class)).hasSize(2).containsOnly(
        new SessionStarted(fixture.webhookEvents.getFirst().id(), session.createdAt(), sessionId, session.mediaServer()));
  }

  @Test
  void joinAndARedeliveredJoinEmitTheSameParticipantJoined() {
    String sessionId = fixture.newSession("a");

    fixture.joins.handle(fixture.join(sessionId, "p1"));
    fixture.joins.handle(fixture.join(sessionId, "p1"));
    fixture.joins.handle(fixture.join(sessionId, "p2"));

    List<ParticipantJoined> joined = events(ParticipantJoined.class);
    assertThat(joined).hasSize(3);
    assertThat(joined.get(0)).isEqualTo(joined.get(1));
    assertThat(joined.get(0).participantId()).isEqualTo("p1");
    assertThat(joined.get(0).name()).isEqualTo("name of p1");
    assertThat(joined.get(0).occurredAt())
        .isEqualTo(fixture.store.findRecord(sessionId).orElseThrow().participant("p1").orElseThrow().joinedAt());
    assertThat(joined.get(2).id()).isNotEqualTo(joined.get(0).id());
  }

  @Test
  void leaveEmitsParticipantLeftWhileThereAndTheLastLeaveSessionEnded() {
    String sessionId = fixture.newSession("a");
    fixture.joins.handle(fixture.join(sessionId, "p1"));
    fixture.joins.handle(fixture.join(sessionId, "p2"));
    fixture.webhookEvents.clear();

    fixture.leaves.handle(fixture.leave(sessionId, "p1"));
    fixture.leaves.handle(fixture.leave(sessionId, "p1")); // gone already: nothing more to tell
    fixture.leaves.handle(fixture.leave(sessionId, "nobody"));
    fixture.leaves.handle(fixture.leave(sessionId, "p2"));

    assertThat(fixture.webhookEvents).extracting(WebhookEvent::eventType)
        .containsExactly("participantLeft", "participantLeft", "sessionEnded");
    assertThat(events(ParticipantLeft.class)).extracting(ParticipantLeft::participantId).containsExactly("p1", "p2");
    assertThat(events(SessionEnded.class)).singleElement().satisfies(ended -> {
      assertThat(ended.sessionId()).isEqualTo(sessionId);
      assertThat(ended.reason()).isEqualTo(LeaveSessionHandler.LAST_PARTICIPANT_LEFT);
    });
    assertThat(fixture.store.exists(sessionId)).isFalse();
  }

  @Test
  void aRebindEmitsMediaServerLostWithTheNewEpochOnce() {
    fixture.clock.advance(Duration.ofHours(1));
    fixture.health.succeeded("a");
    fixture.health.succeeded("b");
    String sessionId = fixture.newSession("a");
    fixture.joins.handle(fixture.join(sessionId, "p1"));
    fixture.webhookEvents.clear();
    SessionRecord seen = fixture.store.findRecord(sessionId).orElseThrow();
    fixture.health.failed("a", "test");
    fixture.servers.server("a").setDown(true);
    try {
      assertThat(fixture.recovery.recover(seen, "a", RecoveryCause.LOST, fixture.clock.instant()))
          .isEqualTo(Outcome.REBOUND);
      assertThat(fixture.recovery.recover(seen, "a", RecoveryCause.LOST, fixture.clock.instant()))
          .isEqualTo(Outcome.NOT_CLAIMED);
    } finally {
      fixture.servers.server("a").setDown(false);
      fixture.health.succeeded("a");
    }

    assertThat(events(MediaServerLost.class)).singleElement().satisfies(lost -> {
      assertThat(lost.mediaServer()).isEqualTo("a");
      assertThat(lost.newMediaServer()).isEqualTo("b");
      assertThat(lost.epoch()).isEqualTo(seen.epoch() + 1);
      assertThat(lost.cause()).isEqualTo("lost");
    });
  }

  private static <T extends WebhookEvent> List<T> events(Class<T> type) {
    return fixture.webhookEvents.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
