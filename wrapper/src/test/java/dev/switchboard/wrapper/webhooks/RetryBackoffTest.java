package dev.switchboard.wrapper.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Exponential backoff, its cap, the attempt limit and the retry queues it needs. */
class RetryBackoffTest {
  private final RetryBackoff defaults = new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 8);

  @Test
  void doublesFromTheInitialDelayUpToTheMaximum() {
    assertThat(defaults.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(defaults.delayAfter(7)).isEqualTo(Duration.ofSeconds(64));
    RetryBackoff capped = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 100);
    assertThat(capped.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(capped.delayAfter(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(capped.delayAfter(99)).isEqualTo(Duration.ofSeconds(5));
    assertThat(capped.delayAfter(Integer.MAX_VALUE)).as("no overflow").isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void retriesUntilTheLastAttempt() {
    assertThat(defaults.retriesAfter(1)).isTrue();
    assertThat(defaults.retriesAfter(7)).isTrue();
    assertThat(defaults.retriesAfter(8)).isFalse();
    assertThat(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1).retriesAfter(1)).isFalse();
  }

  @Test
  void oneRetryQueuePerDistinctDelay() {
    assertThat(defaults.delays()).extracting(Duration::getSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L);
    RetryBackoff capped = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(3), 10);
    assertThat(capped.delays()).extracting(Duration::toMillis).containsExactly(1000L, 2000L, 3000L);
    assertThat(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(3), 1).delays()).isEmpty();
    assertThat(WebhookTopology.retryQueue(Duration.ofMillis(1500))).isEqualTo("switchboard.webhooks.retry.1500ms");
    assertThat(WebhookTopology.declarables(capped).getDeclarables()).hasSize(2 + 3);
  }
}
