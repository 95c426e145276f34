package dev.switchboard.contracts.messages;

/** A media-server ICE candidate for the participant's connection {@code target} (wire type {@code iceCandidate}). */
public record IceCandidateFound(String target, String candidate, String sdpMid, int sdpMLineIndex)
    implements ParticipantMessage {}
