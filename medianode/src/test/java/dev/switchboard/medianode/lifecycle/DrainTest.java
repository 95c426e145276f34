package dev.switchboard.medianode.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The drain loop on a hand-driven clock: each "sleep" moves the clock instead of waiting. */
class DrainTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Readiness readiness = new Readiness();
  private final List<Duration> pauses = new ArrayList<>();
  private final Drain.Sleeper sleeper = pause -> {
    pauses.add(pause);
    clock.advance(pause);
  };

  @Test
  void stopsBeingReadyAtOnceAndReturnsWhenThePipelinesAreReleased() {
    AtomicInteger pipelines = new AtomicInteger(3);
    Drain drain = new Drain(readiness, () -> {
      assertThat(readiness.isDraining()).as("not ready before the first count").isTrue();
      // The wrappers move one session per check.
      return Math.max(0, pipelines.getAndDecrement());
    }, clock, sleeper);

    assertThat(readiness.isReady()).isTrue();
    assertThat(drain.run(Duration.ofSeconds(30))).isEqualTo(Drain.Outcome.EMPTY);

    assertThat(readiness.isReady()).isFalse();
    assertThat(pauses).hasSize(3).allMatch(Drain.CHECK_EVERY::equals);
  }

  @Test
  void givesUpAtTheTimeoutWithPipelinesLeft() {
    Drain drain = new Drain(readiness, () -> 2, clock, sleeper);
    Instant start = clock.instant();

    assertThat(drain.run(Duration.ofMillis(1_100))).isEqualTo(Drain.Outcome.TIMED_OUT);

    assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMillis(1_100));
    assertThat(pauses.getLast()).as("the last pause ends at the deadline").isEqualTo(Duration.ofMillis(100));
    assertThat(readiness.isDraining()).isTrue();
  }

  @Test
  void aZeroTimeoutOnlyMarksTheNodeDraining() {
    Drain drain = new Drain(readiness, () -> 5, clock, sleeper);

    assertThat(drain.run(Duration.ZERO)).isEqualTo(Drain.Outcome.TIMED_OUT);

    assertThat(pauses).isEmpty();
    assertThat(readiness.isDraining()).isTrue();
  }

  @Test
  void aNodeWithoutPipelinesStopsAtOnce() {
    Drain drain = new Drain(readiness, () -> 0, clock, sleeper);

    assertThat(drain.run(Duration.ofSeconds(30))).isEqualTo(Drain.Outcome.EMPTY);
    assertThat(pauses).isEmpty();
  }

  @Test
  void anInterruptEndsTheWait() {
    Drain drain = new Drain(readiness, () -> 1, clock, pause -> {
      throw new InterruptedException("stop");
    });

    assertThat(drain.run(Duration.ofSeconds(30))).isEqualTo(Drain.Outcome.INTERRUPTED);
    assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
  }
}
