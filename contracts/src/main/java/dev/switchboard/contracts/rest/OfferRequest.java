package dev.switchboard.contracts.rest;

/**
 * Body of {@code POST .../participants/{pid}/offers}: {@code target} is the participant's own id
 * to publish, or another participant's id to receive that one's media.
 */
public record OfferRequest(String target, String sdp) {}
