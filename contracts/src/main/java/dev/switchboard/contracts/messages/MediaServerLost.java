package dev.switchboard.contracts.messages;

/**
 * To everyone: the session's media server is gone (or is being drained) and the session now
 * lives at binding {@code epoch} on another pipeline; every connection must be offered again.
 * Clients handle each epoch once, so that the same notice sent twice renegotiates once.
 */
public record MediaServerLost(String sessionId, long epoch, String reason) implements ParticipantMessage {}
