package dev.switchboard.wrapper.session;

/**
 * A browser ICE candidate kept in the session document until the endpoint of its connection
 * {@code target} exists. Immutable.
 */
public record PendingCandidate(String target, String candidate, String sdpMid, int sdpMLineIndex) {}
