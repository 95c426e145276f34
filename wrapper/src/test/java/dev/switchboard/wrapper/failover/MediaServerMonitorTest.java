package dev.switchboard.wrapper.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.contracts.messages.MediaServerLost;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.testing.HandlerFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kurento.client.MediaPipeline;

/** The monitor against fake media servers: a missing pipeline, a server that stops answering, a notice left unsent. */
class MediaServerMonitorTest {
  private static final HandlerFixture fixture = new HandlerFixture();
  private static MediaServerMonitor monitor;

  @BeforeAll
  static void start() {
    monitor = new MediaServerMonitor(fixture.pool, fixture.store, fixture.bindings, fixture.health, fixture.recovery, fixture.announcer,
        fixture.clock, fixture.failover);
    monitor.start();
  }

  @AfterAll
  static void close() {
    monitor.stop();
    fixture.close();
  }

  @Test
  void aStoredPipelineMissingFromTheServerIsRecoveredOnTheSameHealthyServer() {
    String sessionId = fixture.newSession("a");
    SessionRecord before = fixture.store.findRecord(sessionId).orElseThrow();
    // The server restarted in place: the pipeline is gone, the server answers.
    fixture.pool.client("a").getById(before.pipeline().id(), MediaPipeline.class).release();

    monitor.probe("a", fixture.clock.instant());

    SessionRecord after = await().atMost(Duration.ofSeconds(10))
        .until(() -> fixture.store.findRecord(sessionId).orElseThrow(), s -> s.epoch() == before.epoch() + 1);
    assertThat(after.mediaServer()).isEqualTo("a");
    assertThat(after.pipeline().id()).isNotEqualTo(before.pipeline().id());
    assertThat(fixture.to("session." + sessionId, MediaServerLost.class)).singleElement()
        .satisfies(m -> assertThat(m.reason()).contains("restarted"));
  }

  @Test
  void aServerThatStopsAnsweringIsMarkedFailedAndItsSessionsMove() {
    String sessionId = fixture.newSession("b");
    SessionRecord before = fixture.store.findRecord(sessionId).orElseThrow();
    String untouched = fixture.newSession("a");
    fixture.servers.server("b").setDown(true);
    try {
      monitor.probe("b", fixture.clock.instant());
      monitor.probe("a", fixture.clock.instant());

      SessionRecord after = await().atMost(Duration.ofSeconds(10))
          .until(() -> fixture.store.findRecord(sessionId).orElseThrow(), s -> s.epoch() == before.epoch() + 1);
      assertThat(after.mediaServer()).isEqualTo("a");
      assertThat(fixture.health.of("b").healthy()).isFalse();
      assertThat(fixture.registry.get("switchboard.media.server.failures").tag("server", "b").counter().count())
          .isEqualTo(1);
      assertThat(fixture.store.findRecord(untouched).orElseThrow().epoch()).as("a session on a healthy server")
          .isEqualTo(1);
    } finally {
      fixture.servers.server("b").setDown(false);
      fixture.health.succeeded("b");
    }
  }

  @Test
  void theMonitorsRoundsSendANoticeWhoseSenderDiedOnceItIsDue() {
    String sessionId = fixture.newSession("a");
    SessionRecord before = fixture.store.findRecord(sessionId).orElseThrow();
    // The move as an instance that died right after it left it: no notice sent.
    fixture.bindings.rebindAfterLoss(sessionId, before.epoch(), "a", before.pipeline(),
        fixture.announcer.noticeOf(before.epoch() + 1, "a", "a", RecoveryCause.RESTARTED, "a restarted")).orElseThrow();

    fixture.clock.advance(fixture.failover.noticeRetryAfter());

    MediaServerLost told = await().atMost(Duration.ofSeconds(10))
        .until(() -> fixture.to("session." + sessionId, MediaServerLost.class), list -> !list.isEmpty()).getFirst();
    assertThat(told.epoch()).isEqualTo(before.epoch() + 1);
    assertThat(told.reason()).isEqualTo("a restarted");
  }
}
