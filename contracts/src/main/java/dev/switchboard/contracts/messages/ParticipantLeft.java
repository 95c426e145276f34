package dev.switchboard.contracts.messages;

/** To everyone: someone left; drop the connection receiving their media. */
public record ParticipantLeft(String participantId) implements ParticipantMessage {}
