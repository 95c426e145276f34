package dev.switchboard.contracts.rest;

/** Body of {@code POST .../participants/{pid}/candidates}: a trickled ICE candidate for one of its connections. */
public record CandidateRequest(String target, String candidate, String sdpMid, Integer sdpMLineIndex) {}
