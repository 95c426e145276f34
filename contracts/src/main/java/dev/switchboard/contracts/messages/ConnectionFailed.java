package dev.switchboard.contracts.messages;

/** The media server lost the participant's connection {@code target}. */
public record ConnectionFailed(String target, String reason) implements ParticipantMessage {}
