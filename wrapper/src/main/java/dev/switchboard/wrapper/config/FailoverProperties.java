package dev.switchboard.wrapper.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The wrapper's media-server failover settings under {@code switchboard.wrapper.failover}
 * (documented in docs/configuration.md and docs/failover.md); immutable, any thread may read it.
 *
 * @param probeInterval how often every configured media server is probed (its pipelines listed)
 * @param recoveryClaimTimeout a recovery marker older than this may be taken over by another
 *     instance, so that a wrapper dying mid-recovery does not strand the session
 * @param flapWindow failures of one server within this window count towards its quarantine
 * @param quarantineBase quarantine after the second failure in the window; doubles with each further one
 * @param quarantineMax longest quarantine
 * @param noticeRetryAfter a move's notice (participants' {@code MediaServerLost} and the
 *     {@code mediaServerLost} webhook) that the rebinding instance has not marked sent after this
 *     long is sent again by any instance: it died, or the broker refused, between rebind and notice
 */
@Validated
@ConfigurationProperties("switchboard.wrapper.failover")
public record FailoverProperties(
    @DefaultValue("1s") @NotNull Duration probeInterval,
    @DefaultValue("10s") @NotNull Duration recoveryClaimTimeout,
    @DefaultValue("10m") @NotNull Duration flapWindow,
    @DefaultValue("10s") @NotNull Duration quarantineBase,
    @DefaultValue("5m") @NotNull Duration quarantineMax,
    @DefaultValue("5s") @NotNull Duration noticeRetryAfter) {

  public FailoverProperties {
    if (noticeRetryAfter != null && (noticeRetryAfter.isNegative() || noticeRetryAfter.isZero())) {
      throw new IllegalArgumentException("switchboard.wrapper.failover.notice-retry-after must be positive, not "
          + noticeRetryAfter);
    }
  }

  /** The defaults, for tests and for code built without Spring. */
  public static FailoverProperties defaults() {
    return new FailoverProperties(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(10),
        Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(5));
  }
}
