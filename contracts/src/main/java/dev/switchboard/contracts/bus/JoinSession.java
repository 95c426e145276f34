package dev.switchboard.contracts.bus;

import java.time.Instant;

/** Add a participant to the session; the others are told, the joiner gets who is already there. */
public record JoinSession(String commandId, String sessionId, String participantId, String name, Instant issuedAt)
    implements SessionCommand {}
