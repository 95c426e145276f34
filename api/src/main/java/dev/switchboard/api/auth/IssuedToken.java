package dev.switchboard.api.auth;

import java.time.Instant;

/** A freshly signed participant token and when it expires; immutable. */
public record IssuedToken(String token, Instant expiresAt) {}
