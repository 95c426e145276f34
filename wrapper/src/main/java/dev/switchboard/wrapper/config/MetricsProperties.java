package dev.switchboard.wrapper.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Metrics settings under {@code switchboard.wrapper.metrics}; immutable.
 *
 * @param queueDepthInterval how often the depth of the shared queues (the {@code wrapper} work queue
 *     and the dead-letter queue) is read by a passive declare for the
 *     {@code switchboard.wrapper.queue.depth} gauge; a scrape only reads the last value, so it never
 *     waits for the broker (default 10s, at least 1s)
 */
@Validated
@ConfigurationProperties("switchboard.wrapper.metrics")
public record MetricsProperties(@DefaultValue("10s") @NotNull Duration queueDepthInterval) {
  public MetricsProperties {
    if (queueDepthInterval != null && queueDepthInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("switchboard.wrapper.metrics.queue-depth-interval must be at least 1s, was "
          + queueDepthInterval);
    }
  }
}
