package dev.switchboard.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Tests {@link IceLiteComponent}'s state machine and pair selection with injected instants; single-threaded. */
class IceLiteComponentTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration DISCONNECT = IceLiteComponent.DEFAULT_DISCONNECTED_AFTER;
    private static final Duration CONSENT = ConsentTracker.CONSENT_TIMEOUT;
    private static final InetSocketAddress A = IceTestPeers.address("192.0.2.10", 40000);
    private static final InetSocketAddress B = IceTestPeers.address("2001:db8::10", 40002);

    @Test
    void newThenConnectingThenConnectedOnNomination() {
        IceLiteComponent c = new IceLiteComponent();
        assertThat(c.state(T0)).isEqualTo(IceLiteState.NEW);
        assertThat(c.state(T0.plus(CONSENT.multipliedBy(10)))).as("NEW has no timeout").isEqualTo(IceLiteState.NEW);

        assertThat(c.onValidRequest(A, false, T0)).isEqualTo(IceLiteState.CONNECTING);
        assertThat(c.selectedRemote()).isNull();
        assertThat(c.hasConsent(A, T0)).isTrue();
        assertThat(c.hasConsent(B, T0)).isFalse();

        assertThat(c.onValidRequest(A, true, T0.plusSeconds(1))).isEqualTo(IceLiteState.CONNECTED);
        assertThat(c.selectedRemote()).isEqualTo(A);
    }

    @Test
    void silenceDisconnectsThenChecksReconnect() {
        IceLiteComponent c = new IceLiteComponent();
        c.onValidRequest(A, true, T0);
        assertThat(c.state(T0.plus(DISCONNECT).minusMillis(1))).isEqualTo(IceLiteState.CONNECTED);
        assertThat(c.state(T0.plus(DISCONNECT))).isEqualTo(IceLiteState.DISCONNECTED);
        assertThat(c.selectedRemote()).isEqualTo(A);

        Instant back = T0.plus(DISCONNECT).plusSeconds(2);
        assertThat(c.onValidRequest(A, false, back)).isEqualTo(IceLiteState.CONNECTED);
    }

    @Test
    void consentExpiryOnEveryPairFailsForGood() {
        IceLiteComponent c = new IceLiteComponent();
        c.onValidRequest(A, true, T0);
        Instant expiry = T0.plus(CONSENT);
        assertThat(c.state(expiry.minusMillis(1))).isEqualTo(IceLiteState.DISCONNECTED);
        assertThat(c.state(expiry)).isEqualTo(IceLiteState.FAILED);
        assertThat(c.selectedRemote()).isNull();
        assertThat(c.hasConsent(A, expiry)).isFalse();

        assertThat(c.onValidRequest(A, true, expiry.plusSeconds(1))).isEqualTo(IceLiteState.FAILED);
        assertThat(c.state(expiry.plusSeconds(1))).isEqualTo(IceLiteState.FAILED);
    }

    @Test
    void connectingWithoutNominationFailsWhenConsentLapses() {
        IceLiteComponent c = new IceLiteComponent();
        c.onValidRequest(A, false, T0);
        assertThat(c.state(T0.plus(CONSENT))).isEqualTo(IceLiteState.FAILED);
    }

    @Test
    void laterNominationMovesTheSelectedPair() {
        IceLiteComponent c = new IceLiteComponent();
        c.onValidRequest(A, true, T0);
        c.onValidRequest(B, false, T0.plusSeconds(1));
        assertThat(c.selectedRemote()).isEqualTo(A);
        assertThat(c.onValidRequest(B, true, T0.plusSeconds(2))).isEqualTo(IceLiteState.CONNECTED);
        assertThat(c.selectedRemote()).isEqualTo(B);
    }

    @Test
    void selectedPairLosingConsentWhileAnotherLivesIsDisconnected() {
        IceLiteComponent c = new IceLiteComponent();
        c.onValidRequest(A, true, T0);
        Instant t = T0;
        for (int i = 0; i < 8; i++) {
            t = t.plusSeconds(5);
            c.onValidRequest(B, false, t);
        }
        assertThat(c.state(t)).isEqualTo(IceLiteState.DISCONNECTED);
        assertThat(c.selectedRemote()).isNull();
        assertThat(c.onValidRequest(B, true, t.plusSeconds(1))).isEqualTo(IceLiteState.CONNECTED);
    }

    @Test
    void pairCountIsBoundedAndTheSelectedPairSurvivesAFlood() {
        IceLiteComponent c = new IceLiteComponent();
        c.onValidRequest(A, true, T0);
        for (int i = 0; i < 10 * IceLiteComponent.MAX_PAIRS; i++) {
            c.onValidRequest(IceTestPeers.address("198.51.100." + (i % 250), 1000 + i), false, T0.plusMillis(i));
            assertThat(c.pairCount()).isLessThanOrEqualTo(IceLiteComponent.MAX_PAIRS);
        }
        assertThat(c.selectedRemote()).isEqualTo(A);
        assertThat(c.hasConsent(A, T0.plusSeconds(1))).isTrue();
    }

    @Test
    void timeoutsMustBeOrdered() {
        assertThatThrownBy(() -> new IceLiteComponent(Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceLiteComponent(Duration.ZERO, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
