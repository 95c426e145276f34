package dev.switchboard.wrapper.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.ProcessOffer;
import dev.switchboard.wrapper.testing.HandlerFixture;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Joins are counted once per participant added, and each answer records the offer's wait since the
 * api issued it (by the command's issuedAt) and its handling on this wrapper, per connection kind.
 */
class CallMetricsTest {
  private static final HandlerFixture fixture = new HandlerFixture();

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void joinsAreCountedOnce_answersRecordTheWaitSinceTheOfferWasIssued() {
    fixture.servers.server("a").setAnswerer(offer -> "answer to " + offer);
    double joinsBefore = fixture.registry.counter(CallMetrics.JOINS).count();
    String sessionId = fixture.newSession("a");
    fixture.joins.handle(fixture.join(sessionId, "p1"));
    fixture.joins.handle(fixture.join(sessionId, "p1")); // redelivered: nobody added
    fixture.joins.handle(fixture.join(sessionId, "p2"));
    assertThat(fixture.registry.counter(CallMetrics.JOINS).count() - joinsBefore).isEqualTo(2);

    ProcessOffer publish = fixture.offer(sessionId, "p1", "p1", "offer-1");
    fixture.clock.advance(Duration.ofMillis(250)); // the offer waited in the queue
    fixture.offers.handle(publish);
    ProcessOffer receive = fixture.offer(sessionId, "p2", "p1", "offer-2");
    fixture.offers.handle(receive);
    fixture.offers.handle(receive); // redelivered: answered again, and counted again

    Timer published = fixture.registry.get(CallMetrics.OFFER_ANSWER).tag("connection", "publish").timer();
    assertThat(published.count()).isEqualTo(1);
    assertThat(published.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
    Timer received = fixture.registry.get(CallMetrics.OFFER_ANSWER).tag("connection", "receive").timer();
    assertThat(received.count()).isEqualTo(2);
    assertThat(fixture.registry.get(CallMetrics.OFFER_HANDLING).tag("connection", "publish").timer().count())
        .isEqualTo(1);
  }

  @Test
  void anOfferIssuedAheadOfThisClockCountsAsNoWait() {
    fixture.servers.server("a").setAnswerer(offer -> "answer to " + offer);
    String sessionId = fixture.newSession("a");
    fixture.joins.handle(fixture.join(sessionId, "p3"));
    ProcessOffer offer = fixture.offer(sessionId, "p3", "p3", "offer-3");
    ProcessOffer fromTheFuture = new ProcessOffer(offer.commandId(), sessionId, "p3", "p3", "offer-3",
        fixture.clock.instant().plusSeconds(5));
    Timer timer = fixture.registry.timer(CallMetrics.OFFER_ANSWER, "connection", "publish");
    double maxBefore = timer.totalTime(TimeUnit.MILLISECONDS);

    fixture.offers.handle(fromTheFuture);

    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(maxBefore);
  }
}
