package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.ProcessOffer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The wrapper's call meters; thread-safe (Micrometer meters are):
 * <ul>
 *   <li>{@code switchboard.wrapper.joins}: participants added to a session (a redelivered join adds nobody and is not counted);</li>
 *   <li>{@code switchboard.offer.answer{connection}}: from the moment the api issued the offer command
 *       ({@code issuedAt}, the api's clock) until this wrapper sent the answer: what the client waits for
 *       after its offer was accepted, the queue included; {@code connection} is publish or receive;</li>
 *   <li>{@code switchboard.wrapper.offer.handling{connection}}: from the offer's delivery to this wrapper until
 *       the answer was sent, on this wrapper's clock alone (the media server's processOffer included).</li>
 * </ul>
 * The first depends on the api's and wrapper's clocks agreeing (NTP); a negative span (skew) counts as zero.
 */
@Component
public class CallMetrics {
  public static final String JOINS = "switchboard.wrapper.joins";
  public static final String OFFER_ANSWER = "switchboard.offer.answer";
  public static final String OFFER_HANDLING = "switchboard.wrapper.offer.handling";

  private final MeterRegistry registry;
  private final Clock clock;
  private final Counter joins;

  public CallMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.joins = Counter.builder(JOINS).description("Participants added to a session by this wrapper")
        .register(registry);
  }

  public void joined() {
    joins.increment();
  }

  /** Starts timing an offer's handling on this wrapper. */
  public Timer.Sample offerReceived() {
    return Timer.start(registry);
  }

  /** The answer to {@code offer} was sent; {@code handling} is the sample taken when it was received. */
  public void answered(ProcessOffer offer, Timer.Sample handling) {
    String connection = offer.participantId().equals(offer.target()) ? "publish" : "receive";
    handling.stop(Timer.builder(OFFER_HANDLING).tag("connection", connection)
        .description("From an offer's delivery to this wrapper until its answer was sent").register(registry));
    if (offer.issuedAt() != null) {
      Duration waited = Duration.between(offer.issuedAt(), clock.instant());
      Timer.builder(OFFER_ANSWER).tag("connection", connection)
          .description("From the api issuing an offer command until the wrapper sent its answer")
          .register(registry).record(waited.isNegative() ? Duration.ZERO : waited);
    }
  }
}
