package dev.switchboard.contracts.rest;

/**
 * Body of {@code POST /api/admin/media-servers/{id}/drain}: whether the server's sessions move
 * now (with notice to their participants) or stay until they end. Null counts as false. Immutable.
 */
public record DrainRequest(Boolean moveSessions) {}
