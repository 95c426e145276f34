package dev.switchboard.contracts.rest;

/**
 * Answer of {@code POST .../participants/{pid}/token}: a fresh token for the same participant and
 * rights, and when it expires (Unix seconds).
 */
public record TokenResponse(String token, long expiresAt) {}
