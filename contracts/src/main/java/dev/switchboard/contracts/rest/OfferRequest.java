package dev.switchboard.contracts.rest;

/**
 * Body of {@code POST .../participants/{pid}/offers}: {@code target} is the participant's own id
 * to publish, or another participant's id to receive that one's media. {@code offerId} (optional,
 * chosen by the client, at most 64 of {@code [A-Za-z0-9_-]}) comes back in the {@code answer}, so
 * a client that has replaced the connection meanwhile ignores an answer to its older offer.
 */
public record OfferRequest(String target, String sdp, String offerId) {
  /** Without an {@code offerId}: the answer cannot be told apart from one to an older offer. */
  public OfferRequest(String target, String sdp) {
    this(target, sdp, null);
  }
}
