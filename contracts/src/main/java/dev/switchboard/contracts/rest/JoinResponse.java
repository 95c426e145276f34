package dev.switchboard.contracts.rest;

/** Answer to a join: the new participant's id and the token that authorises its later calls. */
public record JoinResponse(String participantId, String token) {}
