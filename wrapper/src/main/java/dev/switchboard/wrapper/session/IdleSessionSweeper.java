package dev.switchboard.wrapper.session;

import dev.switchboard.wrapper.config.WrapperProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Ends sessions that have had nobody in them for {@code idle-session-timeout}, and finishes
 * endings that a dead instance left half-done; runs on the scheduler, one sweep at a time.
 *
 * <p>Every instance sweeps; the claim is a compare-and-set on the state and {@code updatedAt}
 * the sweep saw, so one instance ends each session and a join in between saves it.
 */
@Component
public class IdleSessionSweeper implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(IdleSessionSweeper.class);
  static final String IDLE = "idle";

  private final SessionStore store;
  private final SessionTerminator terminator;
  private final TaskScheduler scheduler;
  private final Clock clock;
  private final WrapperProperties properties;
  private volatile ScheduledFuture<?> schedule;

  public IdleSessionSweeper(SessionStore store, SessionTerminator terminator, TaskScheduler scheduler, Clock clock,
      WrapperProperties properties) {
    this.store = store;
    this.terminator = terminator;
    this.scheduler = scheduler;
    this.clock = clock;
    this.properties = properties;
  }

  /** Ends every session idle since before now minus the timeout; returns how many this instance ended. */
  public int sweep() {
    Instant cutoff = clock.instant().minus(properties.idleSessionTimeout());
    int ended = 0;
    for (SessionRecord seen : store.findEndable(cutoff)) {
      var claimed = store.claimIdle(seen);
      if (claimed.isPresent()) {
        terminator.end(claimed.get(), IDLE);
        ended++;
      }
    }
    return ended;
  }

  private void sweepSafely() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("Idle-session sweep failed; trying again in {}: {}", properties.idleSweepInterval(), e.toString());
    }
  }

  @Override
  public void start() {
    schedule = scheduler.scheduleWithFixedDelay(this::sweepSafely,
        clock.instant().plus(properties.idleSweepInterval()), properties.idleSweepInterval());
  }

  @Override
  public void stop() {
    ScheduledFuture<?> current = schedule;
    schedule = null;
    if (current != null) {
      current.cancel(false);
    }
  }

  @Override
  public boolean isRunning() {
    return schedule != null;
  }
}
