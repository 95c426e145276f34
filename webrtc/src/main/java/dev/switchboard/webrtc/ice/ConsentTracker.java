package dev.switchboard.webrtc.ice;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Tracks consent freshness of one candidate pair from the valid checks received on it
 * (RFC 7675 §5.1: consent lapses 30 s after the last one); confined to the media thread.
 *
 * <p>RFC 7675 has the sending agent check consent itself. An ICE-lite agent sends no checks, so it
 * reads each authenticated check from the full agent (which sends them every few seconds, RFC 7675
 * §5.1) as fresh consent, and a later check refreshes a lapsed pair like any other. Time comes in as
 * {@link Instant} parameters so that the caller's clock, and tests, decide what "now" is; instants
 * earlier than the last check are treated as that check's time.
 */
public final class ConsentTracker {

    /** RFC 7675 §5.1's consent timeout. */
    public static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(30);

    private final Duration timeout;
    private Instant lastValidRequest;

    /** A tracker for a pair first validated at {@code firstValidRequest}, with the RFC timeout. */
    public ConsentTracker(Instant firstValidRequest) {
        this(firstValidRequest, CONSENT_TIMEOUT);
    }

    public ConsentTracker(Instant firstValidRequest, Duration timeout) {
        this.lastValidRequest = Objects.requireNonNull(firstValidRequest, "firstValidRequest");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("consent timeout must be positive: " + timeout);
        }
    }

    /** Records a valid (authenticated) check received at {@code now}. */
    public void onRequestReceived(Instant now) {
        Objects.requireNonNull(now, "now");
        if (now.isAfter(lastValidRequest)) {
            lastValidRequest = now;
        }
    }

    /** Whether {@link #CONSENT_TIMEOUT} (or the configured timeout) has passed since the last valid check. */
    public boolean expired(Instant now) {
        return silentFor(now).compareTo(timeout) >= 0;
    }

    /** Time since the last valid check, never negative. */
    public Duration silentFor(Instant now) {
        Objects.requireNonNull(now, "now");
        Duration silence = Duration.between(lastValidRequest, now);
        return silence.isNegative() ? Duration.ZERO : silence;
    }

    public Instant lastValidRequest() {
        return lastValidRequest;
    }
}
