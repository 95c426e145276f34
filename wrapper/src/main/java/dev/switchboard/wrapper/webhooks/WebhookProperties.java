package dev.switchboard.wrapper.webhooks;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhooks to the application under {@code switchboard.wrapper.webhooks} (docs/webhooks.md,
 * docs/configuration.md), validated at start-up; immutable, any thread may read it.
 *
 * @param url where every event is POSTed (SWITCHBOARD_WEBHOOK_URL); empty (the default) turns webhooks
 *     off: nothing is emitted, no webhook queue is declared or consumed
 * @param secret the HMAC-SHA256 key of the {@code Switchboard-Signature} header (SWITCHBOARD_WEBHOOK_SECRET,
 *     or a file {@code switchboard.wrapper.webhooks.secret} in SWITCHBOARD_SECRETS_DIR); at least 32
 *     characters, required when {@code url} is set; never logged
 * @param timeout longest wait for one POST, connection included; longer counts as a failed attempt
 * @param maxAttempts POSTs of one event before it is parked in {@code switchboard.webhooks.failed}
 * @param initialBackoff wait after the first failed attempt; doubles after each further one
 * @param maxBackoff longest wait between two attempts
 * @param consumers events this instance POSTs at once (consumers of {@code switchboard.webhooks}; every
 *     instance competes on the one queue)
 */
@Validated
@ConfigurationProperties("switchboard.wrapper.webhooks")
public record WebhookProperties(
    String url,
    String secret,
    @DefaultValue("5s") @NotNull Duration timeout,
    @DefaultValue("8") @Min(1) @Max(100) int maxAttempts,
    @DefaultValue("1s") @NotNull Duration initialBackoff,
    @DefaultValue("5m") @NotNull Duration maxBackoff,
    @DefaultValue("2") @Min(1) @Max(64) int consumers) {
  public static final String URL_KEY = "switchboard.wrapper.webhooks.url";
  static final int MIN_SECRET_LENGTH = 32;
  /** RabbitMQ's x-message-ttl is at most 2^32-1 ms; a day is far below and far above any sane backoff. */
  static final Duration LONGEST_BACKOFF = Duration.ofDays(1);

  /** Webhooks off: no url. */
  public static WebhookProperties disabled() {
    return new WebhookProperties(null, null, Duration.ofSeconds(5), 8, Duration.ofSeconds(1), Duration.ofMinutes(5), 2);
  }

  public boolean enabled() {
    return url != null && !url.isBlank();
  }

  public URI uri() {
    return URI.create(url.strip());
  }

  public RetryBackoff backoff() {
    return new RetryBackoff(initialBackoff, maxBackoff, maxAttempts);
  }

  @AssertTrue(message = "switchboard.wrapper.webhooks.url must be an absolute http:// or https:// URL with a host")
  public boolean isUrlUsable() {
    if (!enabled()) {
      return true;
    }
    try {
      URI uri = uri();
      return uri.isAbsolute() && uri.getHost() != null
          && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @AssertTrue(message = "switchboard.wrapper.webhooks.secret (SWITCHBOARD_WEBHOOK_SECRET) must be set, at least "
      + MIN_SECRET_LENGTH + " characters, when switchboard.wrapper.webhooks.url is set")
  public boolean isSecretUsable() {
    return !enabled() || (secret != null && secret.length() >= MIN_SECRET_LENGTH);
  }

  @AssertTrue(message = "switchboard.wrapper.webhooks.timeout must be between 100ms and 60s")
  public boolean isTimeoutUsable() {
    return timeout == null || (timeout.compareTo(Duration.ofMillis(100)) >= 0 && timeout.compareTo(Duration.ofMinutes(1)) <= 0);
  }

  @AssertTrue(message = "switchboard.wrapper.webhooks.initial-backoff must be at least 1ms and at most max-backoff, "
      + "and max-backoff at most 1d")
  public boolean isBackoffUsable() {
    return initialBackoff == null || maxBackoff == null
        || (initialBackoff.toMillis() >= 1 && initialBackoff.compareTo(maxBackoff) <= 0
            && maxBackoff.compareTo(LONGEST_BACKOFF) <= 0);
  }

  /** The url without user info, query or fragment (a token may hide there), for logs. */
  public String redactedUrl() {
    if (!enabled()) {
      return "(none)";
    }
    try {
      URI uri = uri();
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
          + (uri.getRawPath() == null ? "" : uri.getRawPath());
    } catch (IllegalArgumentException e) {
      return "(invalid)";
    }
  }

  @Override
  public String toString() {
    return "WebhookProperties[url=" + redactedUrl() + ", secret=" + (secret == null || secret.isEmpty() ? "(none)" : "(set)")
        + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", consumers=" + consumers + "]";
  }
}
