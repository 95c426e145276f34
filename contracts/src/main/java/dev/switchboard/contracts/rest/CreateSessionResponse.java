package dev.switchboard.contracts.rest;

/** Answer to {@code POST /api/sessions}. */
public record CreateSessionResponse(String sessionId) {}
