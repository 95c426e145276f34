package dev.switchboard.loadtest.signalling;

/**
 * What one arrival measured, in milliseconds from its join request (null: not reached, or not
 * applicable such as first media for the first participant of a session); immutable.
 *
 * @param index           arrival number, from 0
 * @param atSeconds       when it was dispatched, seconds after the first arrival was due
 * @param lateMillis      how late the dispatch was against the fixed schedule (generator saturation)
 * @param existing        join to {@code existingParticipants} received
 * @param answer          join to the answer of its publishing offer received
 * @param offerToAnswer   offer posted to its answer received
 * @param connected       join to ICE and DTLS of its publishing connection done
 * @param receiving       join to every receiving connection (one per participant already publishing) connected
 * @param firstMedia      join to the first RTP packet received from another participant
 * @param receivesFrom    how many participants were already publishing when it joined
 * @param error           the first failure (stage and message), or null
 */
public record Arrival(int index, double atSeconds, double lateMillis, Double existing, Double answer,
                      Double offerToAnswer, Double connected, Double receiving, Double firstMedia, int receivesFrom,
                      String error) {

  boolean answered() {
    return answer != null;
  }
}
