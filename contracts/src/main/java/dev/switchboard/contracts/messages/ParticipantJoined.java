package dev.switchboard.contracts.messages;

/** To everyone: someone joined. */
public record ParticipantJoined(String participantId, String name) implements ParticipantMessage {}
