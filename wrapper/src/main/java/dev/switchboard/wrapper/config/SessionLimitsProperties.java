package dev.switchboard.wrapper.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-session bounds under {@code switchboard.wrapper.limits}, enforced by the wrapper that owns
 * the session document; immutable. Endpoints per participant need no key of their own: one
 * publishing endpoint plus one receiving endpoint per other participant, so they are bounded by
 * {@code maxParticipantsPerSession}.
 *
 * @param maxParticipantsPerSession joins beyond this get {@code error{code: SESSION_FULL}} and
 *     change nothing (checked in the same MongoDB update that adds the participant)
 * @param maxPendingCandidates ICE candidates one participant may have waiting for endpoints that do
 *     not exist yet; more get {@code error{code: TOO_MANY_CANDIDATES}}. (Candidates on an existing
 *     endpoint are bounded by the media server: the medianode's {@code max-remote-candidates}.)
 */
@Validated
@ConfigurationProperties("switchboard.wrapper.limits")
public record SessionLimitsProperties(
    @DefaultValue("100") @Min(2) @Max(10_000) int maxParticipantsPerSession,
    @DefaultValue("100") @Min(1) @Max(10_000) int maxPendingCandidates) {}
