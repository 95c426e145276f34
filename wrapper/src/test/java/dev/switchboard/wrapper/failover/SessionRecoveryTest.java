package dev.switchboard.wrapper.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.MediaServerLost;
import dev.switchboard.wrapper.failover.SessionRecovery.Outcome;
import dev.switchboard.wrapper.media.MediaServerUnavailableException;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.testing.HandlerFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Recovery of a session from a lost or drained server against fake media servers and the embedded MongoDB. */
class SessionRecoveryTest {
  private static final HandlerFixture fixture = new HandlerFixture();

  @AfterAll
  static void close() {
    fixture.close();
  }

  @BeforeEach
  void everyServerHealthyAndUndrained() {
    fixture.clock.advance(Duration.ofHours(1)); // past any flap window and quarantine
    fixture.health.succeeded("a");
    fixture.health.succeeded("b");
    fixture.drained.setDrained("a", false);
    fixture.drained.setDrained("b", false);
    fixture.servers.server("a").setDown(false);
    fixture.servers.server("b").setDown(false);
    fixture.sent.clear();
  }

  @Test
  void aLostServersSessionMovesOnceToTheOtherServerWithEndpointsForgotten() {
    String sessionId = sessionWithTwoPublishers("a");
    SessionRecord seen = fixture.store.findRecord(sessionId).orElseThrow();
    fixture.health.failed("a", "test");
    fixture.servers.server("a").setDown(true);
    long rebound = recoveries("switchboard.recovery.duration");
    long detected = recoveries("switchboard.recovery.detection");

    Outcome first = fixture.recovery.recover(seen, "a", RecoveryCause.LOST, fixture.clock.instant());
    Outcome second = fixture.recovery.recover(seen, "a", RecoveryCause.LOST, fixture.clock.instant());

    assertThat(first).isEqualTo(Outcome.REBOUND);
    assertThat(second).as("a second racer with the same view").isEqualTo(Outcome.NOT_CLAIMED);
    SessionRecord after = fixture.store.findRecord(sessionId).orElseThrow();
    assertThat(after.epoch()).isEqualTo(seen.epoch() + 1);
    assertThat(after.mediaServer()).isEqualTo("b");
    assertThat(fixture.servers.server("b").pipelines()).contains(after.pipeline().id());
    assertThat(after.participants()).allSatisfy(p -> assertThat(p.endpoints()).isEmpty());
    assertThat(fixture.to("session." + sessionId, MediaServerLost.class))
        .singleElement().satisfies(lost -> assertThat(lost.epoch()).isEqualTo(after.epoch()));
    assertThat(recoveries("switchboard.recovery.duration")).as("rebound recoveries").isEqualTo(rebound + 1);
    assertThat(recoveries("switchboard.recovery.detection")).as("detections").isEqualTo(detected + 1);

    // New offers after the move are answered on the new pipeline.
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "offer-again"));
    assertThat(fixture.to("user.p1", Answer.class)).last().extracting(Answer::sdp).isEqualTo("answer to offer-again");
    assertThat(fixture.store.findRecord(sessionId).orElseThrow().participant("p1").orElseThrow().publisher().server())
        .isEqualTo("b");
  }

  @Test
  void aRestartedServerGetsItsSessionsBackWhenItIsHealthy() {
    String sessionId = sessionWithTwoPublishers("a");
    SessionRecord seen = fixture.store.findRecord(sessionId).orElseThrow();
    fixture.servers.server("b").setUsedMemoryKib(1); // b is less loaded, yet a is preferred

    assertThat(fixture.recovery.recover(seen, "a", RecoveryCause.RESTARTED, fixture.clock.instant()))
        .isEqualTo(Outcome.REBOUND);

    SessionRecord after = fixture.store.findRecord(sessionId).orElseThrow();
    assertThat(after.mediaServer()).isEqualTo("a");
    assertThat(after.pipeline().id()).isNotEqualTo(seen.pipeline().id());
    fixture.servers.server("b").setUsedMemoryKib(1000);
  }

  @Test
  void drainingMovesToAnotherServerAndReleasesTheOldPipeline() {
    String sessionId = sessionWithTwoPublishers("a");
    SessionRecord seen = fixture.store.findRecord(sessionId).orElseThrow();
    fixture.drained.setDrained("a", true);

    assertThat(fixture.recovery.recover(seen, "a", RecoveryCause.DRAINED, fixture.clock.instant()))
        .isEqualTo(Outcome.REBOUND);

    assertThat(fixture.store.findRecord(sessionId).orElseThrow().mediaServer()).isEqualTo("b");
    assertThat(fixture.servers.server("a").released()).contains(seen.pipeline().id());
    assertThat(fixture.placement.choose()).as("a drained server gets no new sessions").isEqualTo("b");
  }

  @Test
  void withNoServerTheBindingIsLostAndTheNextOfferRebindsOnceOneIsBack() {
    String sessionId = sessionWithTwoPublishers("a");
    SessionRecord seen = fixture.store.findRecord(sessionId).orElseThrow();
    fixture.health.failed("a", "test");
    fixture.health.failed("b", "test");

    assertThat(fixture.recovery.recover(seen, "a", RecoveryCause.LOST, fixture.clock.instant()))
        .isEqualTo(Outcome.BINDING_LOST);
    SessionRecord lost = fixture.store.findRecord(sessionId).orElseThrow();
    assertThat(lost.pipeline()).isNull();
    assertThat(lost.epoch()).isEqualTo(seen.epoch() + 1);
    assertThat(fixture.to("session." + sessionId, MediaServerLost.class)).singleElement()
        .extracting(MediaServerLost::epoch).isEqualTo(lost.epoch());
    assertThatThrownBy(() -> fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "while-down")))
        .isInstanceOf(MediaServerUnavailableException.class);
    assertThat(fixture.store.findRecord(sessionId).orElseThrow().epoch()).as("retries do not renotify")
        .isEqualTo(lost.epoch());

    fixture.health.succeeded("a");
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "after-return"));

    SessionRecord back = fixture.store.findRecord(sessionId).orElseThrow();
    assertThat(back.mediaServer()).as("the dropped server again").isEqualTo("a");
    assertThat(back.pipeline()).isNotNull();
    assertThat(back.epoch()).isEqualTo(lost.epoch() + 1);
    assertThat(fixture.to("user.p1", Answer.class)).last().extracting(Answer::sdp).isEqualTo("answer to after-return");
  }

  @Test
  void placementSkipsQuarantinedServers() {
    for (int i = 0; i < 2; i++) {
      fixture.health.failed("a", "flap");
      fixture.health.succeeded("a");
    }
    fixture.servers.server("a").setUsedMemoryKib(1);

    assertThat(fixture.health.quarantinedCount()).isEqualTo(1);
    assertThat(fixture.placement.choose()).isEqualTo("b");
    assertThat(fixture.registry.get("switchboard.media.servers.quarantined").gauge().value()).isEqualTo(1.0);
    fixture.clock.advance(Duration.ofSeconds(11));
    assertThat(fixture.placement.choose()).isEqualTo("a");
    fixture.servers.server("a").setUsedMemoryKib(1000);
  }

  @Test
  void anOfferSentBeforeTheMoveIsDropped_theNextOneIsAnsweredWithItsOfferId() {
    String sessionId = sessionWithTwoPublishers("a");
    SessionRecord seen = fixture.store.findRecord(sessionId).orElseThrow();
    java.time.Instant beforeTheMove = fixture.clock.instant();
    fixture.clock.advance(Duration.ofSeconds(1));
    fixture.health.failed("a", "test");
    fixture.servers.server("a").setDown(true);
    assertThat(fixture.recovery.recover(seen, "a", RecoveryCause.LOST, fixture.clock.instant()))
        .isEqualTo(Outcome.REBOUND);
    fixture.sent.clear();

    fixture.offers.handle(new dev.switchboard.contracts.bus.ProcessOffer("c-stale", sessionId, "p1", "p1", "stale",
        beforeTheMove, "o-old"));
    assertThat(fixture.to("user.p1", Answer.class)).as("no answer to an offer from before the move").isEmpty();
    assertThat(fixture.store.findRecord(sessionId).orElseThrow().participant("p1").orElseThrow().publisher())
        .as("and no endpoint made for it").isNull();

    fixture.offers.handle(new dev.switchboard.contracts.bus.ProcessOffer("c-new", sessionId, "p1", "p1", "fresh",
        fixture.clock.instant(), "o-new"));
    assertThat(fixture.to("user.p1", Answer.class)).containsExactly(new Answer("p1", "answer to fresh", "o-new"));
  }

  /** Lost-server recoveries timed so far (the fixture, and so its registry, is shared by the tests). */
  private static long recoveries(String timer) {
    var search = fixture.registry.find(timer).tag("cause", "lost");
    if (timer.endsWith("duration")) {
      search = search.tag("outcome", "rebound");
    }
    var found = search.timer();
    return found == null ? 0 : found.count();
  }

  private String sessionWithTwoPublishers(String server) {
    String sessionId = fixture.newSession(server);
    fixture.joins.handle(fixture.join(sessionId, "p1"));
    fixture.joins.handle(fixture.join(sessionId, "p2"));
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "o1"));
    fixture.offers.handle(fixture.offer(sessionId, "p2", "p2", "o2"));
    fixture.offers.handle(fixture.offer(sessionId, "p2", "p1", "o3"));
    assertThat(fixture.store.findRecord(sessionId).orElseThrow().participants())
        .allSatisfy(p -> assertThat(p.endpoints()).isNotEmpty());
    return sessionId;
  }

}
