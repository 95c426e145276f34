package dev.switchboard.contracts.bus;

import java.time.Instant;

/** A browser ICE candidate for the participant's connection {@code target}; may arrive before its offer. */
public record AddIceCandidate(
    String commandId,
    String sessionId,
    String participantId,
    String target,
    String candidate,
    String sdpMid,
    int sdpMLineIndex,
    Instant issuedAt)
    implements SessionCommand {}
