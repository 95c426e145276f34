package dev.switchboard.loadtest.failover;

import java.util.List;

/**
 * One participant's recovery in one run, in milliseconds after the kill (-1 where not reached), and
 * the stages that add up to its media-back time. Immutable.
 *
 * @param epochMoved when its session's document showed the new binding (polled every 20 ms)
 * @param lost when its {@code mediaServerLost} arrived
 * @param answered when the last of its re-offers was answered
 * @param connected when the last of its new connections finished ICE and DTLS
 * @param mediaBack when every one of its receiving connections had a packet on the new peer
 * @param offerToAnswer each re-offer's time from post to answer, milliseconds
 * @param retries connections that had to be offered a second time
 */
record ParticipantOutcome(int run, String participant, String session, double epochMoved, double lost,
                          double answered, double connected, double mediaBack, List<Double> offerToAnswer,
                          int retries, String error) {

  /** Stage names, in order; {@link #stages()} gives their lengths. */
  static final List<String> STAGES = List.of("detect+rebind", "notify", "re-offer->answer", "ICE+DTLS",
      "first packet");

  boolean recovered() {
    return error == null && mediaBack >= 0;
  }

  /** Consecutive stage lengths (ms) summing to {@link #mediaBack}; empty when not recovered. */
  List<Double> stages() {
    if (!recovered()) {
      return List.of();
    }
    double moved = Math.min(epochMoved < 0 ? lost : epochMoved, lost);
    return List.of(moved, lost - moved, answered - lost, Math.max(0, connected - answered),
        mediaBack - Math.max(connected, answered));
  }
}
