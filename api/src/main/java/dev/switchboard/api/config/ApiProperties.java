package dev.switchboard.api.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The api's settings under {@code switchboard.api}, validated at start-up (application.yaml
 * documents each key); immutable, shared freely between threads.
 *
 * @param tokenSecret HMAC key of participant tokens (JWT, HS256); at least 32 characters, no default
 *     (the api does not start without it), the same on every api instance
 * @param maxPollWait longest long poll; a larger {@code wait} is capped to it
 * @param maxMessagesPerPoll most messages one poll returns
 * @param maxBodyBytes largest request body; larger ones get 413
 * @param maxSdpBytes largest SDP offer (UTF-8 bytes)
 * @param pollLeaseMargin how long a poll's lease lasts after it was taken or last renewed (a waiting
 *     poll renews it every half of this): how long a poll on an instance that died keeps the
 *     participant's next poll out
 * @param confirmTimeout how long a publish waits for the broker's confirm before answering 503
 * @param adminKey bearer key of the operator routes under {@code /api/admin}; unset (the default)
 *     disables them (403 ADMIN_DISABLED). Never logged.
 * @param applicationKey bearer key of the application's backend, needed to create sessions and to
 *     join participants; at least 32 characters, no default. Never logged.
 * @param tokenTtl how long a participant token is valid (default 15 minutes, 10 s to 24 h); clients refresh
 *     it at two thirds
 * @param tokenClockSkew how far the clocks of the api instances may differ: a token is still accepted
 *     this long after its expiry and refused when issued further in the future (default 30 s)
 */
@Validated
@ConfigurationProperties("switchboard.api")
public record ApiProperties(
    @NotNull(message = "must be set (SWITCHBOARD_API_TOKEN_SECRET)")
    @Size(min = 32, message = "must be at least 32 characters (SWITCHBOARD_API_TOKEN_SECRET)") String tokenSecret,
    @DefaultValue("30s") @NotNull @DurationMin(seconds = 0) @DurationMax(minutes = 5) Duration maxPollWait,
    @DefaultValue("100") @Min(1) @Max(1000) int maxMessagesPerPoll,
    @DefaultValue("262144") @Min(1024) @Max(16 * 1024 * 1024) int maxBodyBytes,
    @DefaultValue("65536") @Min(256) int maxSdpBytes,
    @DefaultValue("5s") @NotNull @DurationMin(millis = 500) Duration pollLeaseMargin,
    @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration confirmTimeout,
    String adminKey,
    @NotNull(message = "must be set (SWITCHBOARD_API_APPLICATION_KEY)")
    @Size(min = 32, message = "must be at least 32 characters (SWITCHBOARD_API_APPLICATION_KEY)") String applicationKey,
    @DefaultValue("15m") @NotNull @DurationMin(seconds = 10) @DurationMax(hours = 24) Duration tokenTtl,
    @DefaultValue("30s") @NotNull @DurationMin(seconds = 0) @DurationMax(minutes = 5) Duration tokenClockSkew) {

  /**
   * How long a poll's lease lasts from when it was taken or last renewed. Short and renewed, rather
   * than as long as the wait: a poll on an instance that died must not lock its participant out
   * for a whole long-poll wait.
   */
  public Duration pollLease() {
    return pollLeaseMargin;
  }

  /** How often a waiting poll renews its lease: twice per lease, so one slow renewal does not lose it. */
  public Duration pollLeaseRenewal() {
    return pollLeaseMargin.dividedBy(2);
  }

  public boolean adminEnabled() {
    return adminKey != null && !adminKey.isBlank();
  }

  /** Keeps the admin key out of logs and error reports that print the settings. */
  @Override
  public String toString() {
    return "ApiProperties[maxPollWait=" + maxPollWait + ", maxMessagesPerPoll=" + maxMessagesPerPoll
        + ", maxBodyBytes=" + maxBodyBytes + ", maxSdpBytes=" + maxSdpBytes + ", pollLeaseMargin=" + pollLeaseMargin
        + ", confirmTimeout=" + confirmTimeout + ", adminEnabled=" + adminEnabled() + ", tokenTtl=" + tokenTtl + "]";
  }

  /** An SDP offer travels inside a JSON body, so the body limit must leave room for it. */
  @AssertTrue(message = "max-sdp-bytes must be smaller than max-body-bytes")
  public boolean isSdpLimitWithinBodyLimit() {
    return maxSdpBytes < maxBodyBytes;
  }
}
