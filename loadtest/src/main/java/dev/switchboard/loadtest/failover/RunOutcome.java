package dev.switchboard.loadtest.failover;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One kill: which medianode, which sessions it held and where they went, each affected
 * participant's recovery, the restart time, the load average then, and how the wrappers worked
 * through the re-offers ({@code lanes}, from their logs; null until read). Immutable.
 */
record RunOutcome(int number, Instant killedAt, String victim, Map<String, String> movedTo,
                  List<ParticipantOutcome> participants, double restartMillis, double loadAverage, String error,
                  OfferLanes lanes) {

  RunOutcome withLanes(OfferLanes read) {
    return new RunOutcome(number, killedAt, victim, movedTo, participants, restartMillis, loadAverage, error, read);
  }

  /** The slowest participant's media-back time, or -1 when someone did not recover. */
  double mediaBack() {
    if (participants.isEmpty() || participants.stream().anyMatch(p -> !p.recovered())) {
      return -1;
    }
    return participants.stream().mapToDouble(ParticipantOutcome::mediaBack).max().orElse(-1);
  }
}
