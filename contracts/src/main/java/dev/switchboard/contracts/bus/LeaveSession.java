package dev.switchboard.contracts.bus;

import java.time.Instant;

/** The participant leaves: its endpoints are released and the others told. */
public record LeaveSession(String commandId, String sessionId, String participantId, Instant issuedAt)
    implements SessionCommand {}
