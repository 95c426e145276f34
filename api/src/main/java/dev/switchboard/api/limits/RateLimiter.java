package dev.switchboard.api.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets (Bucket4j) per key: {@code burst} tokens, refilled at {@code perSecond}; one request
 * takes one. Buckets live in a size-bounded Caffeine cache that forgets idle keys, so a flood of
 * new keys costs bounded memory (a forgotten key starts again with a full bucket). Time comes from
 * the injected {@link Clock}. Thread-safe.
 */
final class RateLimiter {
  private final Cache<String, Bucket> buckets;
  private final Bandwidth bandwidth;
  private final TimeMeter time;

  RateLimiter(int perSecond, int burst, int maxKeys, Clock clock) {
    this.bandwidth = Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build();
    this.time = new ClockTimeMeter(clock);
    // A bucket idle this long has refilled completely: forgetting it changes nothing.
    long refillSeconds = Math.max(1, (burst + perSecond - 1) / perSecond);
    this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(refillSeconds, TimeUnit.SECONDS)
        .ticker(() -> time.currentTimeNanos()).build();
  }

  /** 0 when {@code key} may make a request now (and it is counted), else the nanoseconds until it may. */
  long tryAcquire(String key) {
    Bucket bucket = buckets.get(key, k -> Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time).build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
  }

  /** Bucket4j's time source read from a {@link Clock}, so tests move time instead of sleeping. */
  private record ClockTimeMeter(Clock clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      java.time.Instant now = clock.instant();
      return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
