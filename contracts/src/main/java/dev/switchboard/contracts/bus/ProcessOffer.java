package dev.switchboard.contracts.bus;

import java.time.Instant;

/**
 * Negotiate one of the participant's connections: {@code target} equal to {@code participantId}
 * publishes its media, another id receives that participant's media (Kurento group-call).
 */
public record ProcessOffer(
    String commandId, String sessionId, String participantId, String target, String sdp, Instant issuedAt)
    implements SessionCommand {}
