package dev.switchboard.api.limits;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Request-rate limits under {@code switchboard.api.rate-limit}, validated at start-up
 * (application.yaml documents each key); immutable. Limits hold per api instance: behind a
 * round-robin front of N instances a client gets up to N times these rates.
 *
 * @param addressPerSecond sustained requests per second from one client address, all routes
 * @param addressBurst requests one address may send at once after being idle (an office behind one
 *     NAT joining a call together: each join is a join, an offer per participant and candidates)
 * @param participantPerSecond sustained requests per second for one participant (token checked
 *     first, so nobody can use up another participant's budget), polls included
 * @param participantBurst requests one participant may send at once after being idle (joining a
 *     call of 30: 30 offers and their trickled candidates)
 * @param trackedKeys most addresses and participants remembered at once; the least recently seen
 *     are forgotten first, so memory stays bounded under a flood of new addresses
 * @param clientAddressHeader empty (the default): the TCP peer is the client. Behind a reverse proxy
 *     that appends the client's address to a header (e.g. {@code X-Forwarded-For}), that header's
 *     last entry, the one the proxy added, is used instead. Set it only behind such a proxy:
 *     otherwise clients choose their own key.
 */
@Validated
@ConfigurationProperties("switchboard.api.rate-limit")
public record RateLimitProperties(
    @DefaultValue("100") @Min(1) @Max(1_000_000) int addressPerSecond,
    @DefaultValue("1000") @Min(1) @Max(10_000_000) int addressBurst,
    @DefaultValue("20") @Min(1) @Max(1_000_000) int participantPerSecond,
    @DefaultValue("200") @Min(1) @Max(10_000_000) int participantBurst,
    @DefaultValue("100000") @Min(100) @Max(10_000_000) int trackedKeys,
    @DefaultValue("") @NotNull String clientAddressHeader) {

  @AssertTrue(message = "a burst must be at least the per-second rate")
  public boolean isBurstAtLeastRate() {
    return addressBurst >= addressPerSecond && participantBurst >= participantPerSecond;
  }
}
