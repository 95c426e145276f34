package dev.switchboard.api.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters of polling (durations by outcome, messages delivered, acknowledged, unreadable,
 * and the depth of the participant's queue each poll found); thread-safe.
 */
@Component
public class PollMetrics {
  private final MeterRegistry registry;
  private final Counter delivered;
  private final Counter acknowledged;
  private final Counter unreadable;
  private final DistributionSummary queueDepth;

  public PollMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.delivered = Counter.builder("switchboard.api.poll.messages.delivered")
        .description("Messages returned by polls (a message is counted again until it is acknowledged)")
        .register(registry);
    this.acknowledged = Counter.builder("switchboard.api.poll.messages.acknowledged")
        .description("Messages removed from user queues after a poll acknowledged them")
        .register(registry);
    this.unreadable = Counter.builder("switchboard.api.poll.messages.unreadable")
        .description("Messages in user queues that were not a known participant message")
        .register(registry);
    // Read from the passive declare every poll makes anyway: per-queue gauges would mean one
    // series per participant, and polling the broker for them would cost a call per queue.
    this.queueDepth = DistributionSummary.builder("switchboard.api.user.queue.depth").baseUnit("messages")
        .description("Messages waiting in a participant's queue when a poll opened it")
        .publishPercentileHistogram().maximumExpectedValue(10_000.0).register(registry);
  }

  public Timer.Sample start() {
    return Timer.start(registry);
  }

  /** outcome: messages, empty, conflict, not_found or failed. */
  public void stop(Timer.Sample sample, String outcome) {
    sample.stop(Timer.builder("switchboard.api.poll").description("Polls of participant messages, waiting included")
        .tag("outcome", outcome).register(registry));
  }

  public void delivered(int count) {
    delivered.increment(count);
  }

  public void acknowledged(long count) {
    acknowledged.increment(count);
  }

  public void queueDepth(long messages) {
    queueDepth.record(messages);
  }

  public void unreadable() {
    unreadable.increment();
  }
}
