package dev.switchboard.loadtest.failover;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one failover benchmark does: the cluster's shape, the calls, how many kills, and its time
 * limits. Immutable.
 *
 * @param runs kills, each followed by a restart of the killed medianode
 * @param totalDeadline the whole benchmark (start-up included) stops after this
 */
record FailoverLoad(int runs, int sessions, int participants, int apis, int wrappers, int medianodes, Path out,
                    Duration recoveryWait, Duration totalDeadline) {

  FailoverLoad {
    if (runs < 1 || runs > 50) {
      throw new IllegalArgumentException("--runs must be 1..50");
    }
    if (sessions < 1 || sessions > 10 || participants < 2 || participants > 6) {
      throw new IllegalArgumentException("--sessions must be 1..10 and --participants 2..6");
    }
    if (medianodes < 2) {
      throw new IllegalArgumentException("--medianodes must be at least 2: the sessions need somewhere to go");
    }
  }

  static FailoverLoad defaults() {
    return new FailoverLoad(5, 2, 3, 2, 2, 2, Path.of("target", "bench"), Duration.ofSeconds(45),
        Duration.ofMinutes(20));
  }
}
