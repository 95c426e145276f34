package dev.switchboard.wrapper.failover;

import dev.switchboard.wrapper.config.FailoverProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The health record of one media server on this instance: healthy or not, its recent failures
 * and its quarantine. Thread-safe (every method is synchronized; calls are rare and short).
 *
 * <p>Flapping rule: the first failure within the window costs no quarantine (the server may be
 * used again as soon as it answers); the n-th failure within the window (n &ge; 2) quarantines it
 * for {@code base * 2^(n-2)}, at most {@code max}. A failure is counted once per outage: further
 * failed probes while already unhealthy do not count again.
 */
public final class ServerHealth {
  private final String serverId;
  private final Clock clock;
  private final FailoverProperties settings;
  private final Deque<Instant> failures = new ArrayDeque<>();
  private boolean healthy = true;
  private Instant unhealthySince;
  private Instant quarantinedUntil = Instant.MIN;

  public ServerHealth(String serverId, Clock clock, FailoverProperties settings) {
    this.serverId = serverId;
    this.clock = clock;
    this.settings = settings;
  }

  public String serverId() {
    return serverId;
  }

  /**
   * Records a failure (a lost connection, a failed or timed-out probe). Returns true when this is
   * a new outage (the server was healthy), false when it was already known to be down.
   */
  public synchronized boolean failed() {
    if (!healthy) {
      return false;
    }
    Instant now = clock.instant();
    healthy = false;
    unhealthySince = now;
    Instant windowStart = now.minus(settings.flapWindow());
    while (!failures.isEmpty() && !failures.peekFirst().isAfter(windowStart)) {
      failures.removeFirst();
    }
    failures.addLast(now);
    int n = failures.size();
    if (n >= 2) {
      quarantinedUntil = now.plus(quarantineFor(n));
    }
    return true;
  }

  /** Records a successful probe or connection: the server may be used again unless quarantined. */
  public synchronized void succeeded() {
    healthy = true;
    unhealthySince = null;
  }

  public synchronized boolean healthy() {
    return healthy;
  }

  /** When the current outage was noticed; null while healthy. */
  public synchronized Instant unhealthySince() {
    return unhealthySince;
  }

  public synchronized boolean quarantined() {
    return clock.instant().isBefore(quarantinedUntil);
  }

  public synchronized Instant quarantinedUntil() {
    return quarantinedUntil;
  }

  /** Healthy and not quarantined: sessions may be placed on it (drain is checked elsewhere). */
  public synchronized boolean usable() {
    return healthy && !quarantined();
  }

  /** Failures counted within the window ending now. */
  public synchronized int recentFailures() {
    Instant windowStart = clock.instant().minus(settings.flapWindow());
    return (int) failures.stream().filter(at -> at.isAfter(windowStart)).count();
  }

  /** {@code base * 2^(n-2)} capped at {@code max}, for the n-th failure in the window (n >= 2). */
  Duration quarantineFor(int n) {
    int doublings = Math.min(n - 2, 30);
    Duration length = settings.quarantineBase().multipliedBy(1L << doublings);
    return length.compareTo(settings.quarantineMax()) > 0 ? settings.quarantineMax() : length;
  }
}
