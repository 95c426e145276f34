package dev.switchboard.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    private Instant now = Instant.parse("2026-11-24T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final MovingClock clock = new MovingClock();

  @Test
  void aBurstPassesThenTheNextWaitsForOneRefill() {
    RateLimiter limiter = new RateLimiter(2, 5, 100, clock);

    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire("a")).as("request %d of the burst", i).isZero();
    }
    long wait = limiter.tryAcquire("a");

    assertThat(wait).isBetween(1L, TimeUnit.MILLISECONDS.toNanos(500));
    clock.advance(Duration.ofMillis(500));
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isPositive();
  }

  @Test
  void keysHaveTheirOwnBuckets() {
    RateLimiter limiter = new RateLimiter(1, 1, 100, clock);

    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isPositive();
    assertThat(limiter.tryAcquire("b")).isZero();
  }

  @Test
  void theSustainedRateIsTheConfiguredOne() {
    RateLimiter limiter = new RateLimiter(10, 10, 100, clock);
    int passed = 0;
    for (int tick = 0; tick < 1000; tick++) { // 10 s in 10 ms steps, asking every step
      clock.advance(Duration.ofMillis(10));
      if (limiter.tryAcquire("a") == 0) {
        passed++;
      }
    }
    assertThat(passed).isBetween(100, 111); // 10/s for 10 s, plus the initial burst at most
  }
}
