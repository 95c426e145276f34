package dev.switchboard.medianode.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graceful end of a medianode: marks it draining, then waits, still serving, until no pipeline
 * remains (the wrappers moved or ended its sessions) or the timeout passes, logging progress.
 * Time comes from the injected clock and the pause between checks from the injected sleeper, so
 * tests run it without waiting. Runs on the thread that calls {@link #run} (the shutdown thread).
 */
public final class Drain {
  private static final Logger log = LoggerFactory.getLogger(Drain.class);
  static final Duration CHECK_EVERY = Duration.ofMillis(200);
  static final Duration LOG_EVERY = Duration.ofSeconds(5);

  /** Pauses between two checks; {@link Thread#sleep(Duration)} in production. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration pause) throws InterruptedException;
  }

  /** How a drain ended. */
  public enum Outcome {
    /** No pipeline was left. */
    EMPTY,
    /** The timeout passed with pipelines left (they die with the process). */
    TIMED_OUT,
    /** The waiting thread was interrupted. */
    INTERRUPTED
  }

  private final Readiness readiness;
  private final IntSupplier pipelines;
  private final Clock clock;
  private final Sleeper sleeper;

  public Drain(Readiness readiness, IntSupplier pipelines, Clock clock, Sleeper sleeper) {
    this.readiness = readiness;
    this.pipelines = pipelines;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Drains for at most {@code timeout}; zero only marks the node draining and returns. */
  public Outcome run(Duration timeout) {
    readiness.startDraining();
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    int left = pipelines.getAsInt();
    log.info("medianode draining: not ready any more, {} pipeline(s) left, waiting up to {} s for them to be released",
        left, timeout.toSeconds());
    Instant nextLog = start.plus(LOG_EVERY);
    while (left > 0) {
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        log.warn("medianode drain timed out after {} s with {} pipeline(s) left; stopping anyway",
            timeout.toSeconds(), left);
        return Outcome.TIMED_OUT;
      }
      if (!now.isBefore(nextLog)) {
        log.info("medianode draining: {} pipeline(s) left, {} s to go", left,
            Duration.between(now, deadline).toSeconds());
        nextLog = now.plus(LOG_EVERY);
      }
      try {
        Duration remaining = Duration.between(now, deadline);
        sleeper.sleep(remaining.compareTo(CHECK_EVERY) < 0 ? remaining : CHECK_EVERY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("medianode drain interrupted with {} pipeline(s) left", left);
        return Outcome.INTERRUPTED;
      }
      left = pipelines.getAsInt();
    }
    log.info("medianode drained: no pipeline left after {} ms", Duration.between(start, clock.instant()).toMillis());
    return Outcome.EMPTY;
  }
}
