package dev.switchboard.contracts.messages;

/** The SDP answer to the participant's offer for its connection {@code target}. */
public record Answer(String target, String sdp) implements ParticipantMessage {}
