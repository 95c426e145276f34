package dev.switchboard.contracts.messages;

/** To everyone: the session's media server is gone; rejoin to get media back. */
public record MediaServerLost(String sessionId, String reason) implements ParticipantMessage {}
