package dev.switchboard.contracts.webhooks;

/**
 * The HTTP headers of every webhook request (docs/webhooks.md); constants only.
 *
 * <p>The signature follows Stripe's scheme: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code "<t>.<raw body>"} with the shared secret, so a receiver can check both who sent the body
 * and how old the request is (rejecting replays older than its tolerance).
 */
public final class WebhookHeaders {
  /** The event's id, the same on every retry: dedupe on it. */
  public static final String DELIVERY_ID = "Switchboard-Delivery-Id";
  /** The event type, as the body's {@code type}. */
  public static final String EVENT = "Switchboard-Event";
  /** Unix seconds when this attempt was signed (also {@code t} of the signature). */
  public static final String TIMESTAMP = "Switchboard-Timestamp";
  /** {@code t=<unix seconds>,v1=<hex>}. */
  public static final String SIGNATURE = "Switchboard-Signature";
  /** This attempt's number, 1 for the first (informative only). */
  public static final String ATTEMPT = "Switchboard-Attempt";
  /** The signature scheme's version tag in {@link #SIGNATURE}. */
  public static final String SCHEME = "v1";

  private WebhookHeaders() {}
}
