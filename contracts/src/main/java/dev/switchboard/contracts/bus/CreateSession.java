package dev.switchboard.contracts.bus;

import java.time.Instant;

/** Create the session's media pipeline and its document; sent to the {@code wrapper} work queue. */
public record CreateSession(String commandId, String sessionId, Instant issuedAt) implements Command {}
