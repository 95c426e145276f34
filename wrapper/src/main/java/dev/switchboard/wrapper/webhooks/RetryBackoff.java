package dev.switchboard.wrapper.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When a failed webhook delivery is tried again: {@code initial} after the first failure, doubling
 * after each further one, at most {@code max}; {@code maxAttempts} POSTs in all. Immutable.
 *
 * <p>No jitter: each distinct delay is one RabbitMQ queue whose messages all share that TTL
 * (messages expire in queue order only, so one queue with per-message TTLs would hold a short
 * retry behind a long one); the receiver's load after an outage is spread by the consumers' pace.
 */
public record RetryBackoff(Duration initial, Duration max, int maxAttempts) {

  /** The wait after attempt {@code attempt} (1-based) failed. */
  public Duration delayAfter(int attempt) {
    Duration delay = initial;
    for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /** Whether attempt {@code attempt} failing leaves another one. */
  public boolean retriesAfter(int attempt) {
    return attempt < maxAttempts;
  }

  /** Every distinct wait a delivery may meet, shortest first: one retry queue each. */
  public List<Duration> delays() {
    List<Duration> delays = new ArrayList<>();
    for (int attempt = 1; attempt < maxAttempts; attempt++) {
      Duration delay = delayAfter(attempt);
      if (!delays.contains(delay)) {
        delays.add(delay);
      }
    }
    return delays;
  }
}
