package dev.switchboard.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Tests {@link ConsentTracker}'s RFC 7675 §5.1 timeout with injected instants; single-threaded. */
class ConsentTrackerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration TIMEOUT = ConsentTracker.CONSENT_TIMEOUT;

    @Test
    void consentLastsThirtySecondsFromTheLastValidCheck() {
        ConsentTracker tracker = new ConsentTracker(T0);
        assertThat(tracker.expired(T0)).isFalse();
        assertThat(tracker.expired(T0.plus(TIMEOUT).minusNanos(1))).isFalse();
        assertThat(tracker.expired(T0.plus(TIMEOUT))).isTrue();

        Instant later = T0.plusSeconds(20);
        tracker.onRequestReceived(later);
        assertThat(tracker.lastValidRequest()).isEqualTo(later);
        assertThat(tracker.expired(T0.plus(TIMEOUT))).isFalse();
        assertThat(tracker.expired(later.plus(TIMEOUT))).isTrue();
        assertThat(tracker.silentFor(later.plusSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aCheckAfterExpiryRestoresConsent() {
        ConsentTracker tracker = new ConsentTracker(T0);
        Instant late = T0.plus(TIMEOUT).plusSeconds(5);
        assertThat(tracker.expired(late)).isTrue();
        tracker.onRequestReceived(late);
        assertThat(tracker.expired(late)).isFalse();
    }

    @Test
    void instantsFromThePastNeitherRewindNorGoNegative() {
        ConsentTracker tracker = new ConsentTracker(T0.plusSeconds(10));
        tracker.onRequestReceived(T0);
        assertThat(tracker.lastValidRequest()).isEqualTo(T0.plusSeconds(10));
        assertThat(tracker.silentFor(T0)).isEqualTo(Duration.ZERO);
        assertThat(tracker.expired(T0)).isFalse();
    }

    @Test
    void customTimeoutMustBePositive() {
        ConsentTracker quick = new ConsentTracker(T0, Duration.ofSeconds(2));
        assertThat(quick.expired(T0.plusSeconds(2))).isTrue();
        assertThatThrownBy(() -> new ConsentTracker(T0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
