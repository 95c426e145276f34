package dev.switchboard.webrtc.ice;

/**
 * The state of one ICE component as an ICE-lite agent can observe it from the checks it receives
 * (RFC 8445 §6.1.1, consent per RFC 7675); immutable and thread-safe.
 */
public enum IceLiteState {
    /** No valid check yet. */
    NEW,
    /** Valid checks arrive, but the controlling agent has not nominated a pair (no USE-CANDIDATE yet). */
    CONNECTING,
    /** A nominated pair whose checks are recent: media may flow on it. */
    CONNECTED,
    /** A pair was nominated, but it has been silent for a while or its consent expired while other pairs live. */
    DISCONNECTED,
    /** Consent expired on every pair; only an ICE restart (new credentials, new component) recovers. */
    FAILED;

    /** Whether no later check can change this state. */
    public boolean isTerminal() {
        return this == FAILED;
    }
}
