package dev.switchboard.contracts.messages;

/** To everyone: the session ended (last one left, or idle too long). */
public record SessionClosed(String sessionId, String reason) implements ParticipantMessage {}
