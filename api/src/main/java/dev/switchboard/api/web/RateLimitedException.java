package dev.switchboard.api.web;

/** A request refused by a rate limit (429), with the whole seconds after which one would pass; immutable. */
public class RateLimitedException extends ApiException {
  private final long retryAfterSeconds;

  public RateLimitedException(String message, long retryAfterSeconds) {
    super(ErrorCode.RATE_LIMITED, message);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
