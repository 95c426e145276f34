package dev.switchboard.webrtc.dtls;

import dev.switchboard.webrtc.srtp.SrtpProfile;
import dev.switchboard.webrtc.dtls.DtlsHandshakeException.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Runs one DTLS 1.2 handshake for DTLS-SRTP (RFC 5763 §5, RFC 5764 §4, RFC 8827 §6.5) in either
 * role over a {@link DtlsPacketTransport} and turns its outcome into a {@link DtlsResult} or a
 * {@link DtlsHandshakeException}; thread-safe, each {@link #run} blocking its calling thread (meant
 * to be a virtual thread) until the handshake ends.
 *
 * <p>Uses BouncyCastle's lightweight {@link BcTlsCrypto} rather than the JCA provider: it needs no
 * provider registration or JDK algorithm availability (X25519, ChaCha20) and behaves the same on
 * every JVM; handshake cost is dominated by a few EC operations either way, and SRTP packets never
 * go through this crypto.
 */
public final class DtlsHandshake {

    private final Clock clock;
    private final BcTlsCrypto crypto;

    /** @param clock measures {@link DtlsResult#handshakeDuration()} */
    public DtlsHandshake(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        // One crypto for all handshakes: it only holds the SecureRandom, which is thread-safe.
        this.crypto = new BcTlsCrypto(new SecureRandom());
    }

    /**
     * Performs the handshake; the caller feeds {@code transport} from its socket meanwhile.
     *
     * @param role SERVER when we answered {@code setup:passive}, CLIENT for {@code setup:active}
     * @param local our certificate, whose fingerprint our SDP announced
     * @param expectedRemote the peer's {@code a=fingerprint}; its certificate must match
     * @param transport the association's datagrams; BouncyCastle closes it if the handshake fails
     * @param srtpProfiles as server: the accepted profiles in our order of preference (the
     *     client's order is ignored); as client: the profiles to offer, in order
     * @param timeout the limit for the whole handshake
     * @throws DtlsHandshakeException when the handshake fails for any reason, after an alert to
     *     the peer where one applies
     */
    public DtlsResult run(DtlsRole role, DtlsCertificate local, Fingerprint expectedRemote,
            DtlsPacketTransport transport, List<SrtpProfile> srtpProfiles, Duration timeout)
            throws DtlsHandshakeException {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(expectedRemote, "expectedRemote");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timeout, "timeout");
        List<SrtpProfile> profiles = List.copyOf(srtpProfiles);
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("at least one SRTP profile is needed");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }

        Instant start = clock.instant();
        HandshakeOutcome outcome = new HandshakeOutcome();
        DTLSTransport connection;
        try {
            LocalCredentials credentials = LocalCredentials.of(crypto, local);
            int timeoutMillis = DtlsPolicy.timeoutMillis(timeout);
            connection = switch (role) {
                case SERVER -> new DTLSServerProtocol().accept(new DtlsSrtpServer(
                        crypto, credentials, expectedRemote, profiles, timeoutMillis, outcome), transport);
                case CLIENT -> new DTLSClientProtocol().connect(new DtlsSrtpClient(
                        crypto, credentials, expectedRemote, profiles, timeoutMillis, outcome), transport);
            };
        } catch (IOException e) {
            throw failure(role, timeout, outcome, e);
        }
        if (!outcome.isComplete()) {
            // BouncyCastle skips callbacks on paths we never take (e.g. resumption); never hand out half a result.
            closeQuietly(connection);
            throw new DtlsHandshakeException(Reason.PROTOCOL,
                    describe(role) + " completed without SRTP profile, peer certificate or keys", null);
        }
        return new DtlsResult(role, outcome.srtpProfile(), outcome.keyingMaterial(),
                outcome.remoteCertificateDer(), connection, Duration.between(start, clock.instant()));
    }

    private static DtlsHandshakeException failure(DtlsRole role, Duration timeout, HandshakeOutcome outcome,
            IOException e) {
        String prefix = describe(role) + " failed: ";
        if (outcome.failureReason().isPresent()) {
            return new DtlsHandshakeException(outcome.failureReason().get(), prefix + outcome.failureMessage(), e);
        }
        return switch (e) {
            case TlsTimeoutException t ->
                new DtlsHandshakeException(Reason.TIMEOUT, prefix + "no complete handshake within " + timeout, e);
            case TlsFatalAlertReceived alert -> new DtlsHandshakeException(Reason.ALERT_RECEIVED,
                    prefix + "peer sent fatal alert " + AlertDescription.getText(alert.getAlertDescription()), e);
            case DtlsPacketTransport.ClosedException c ->
                new DtlsHandshakeException(Reason.CLOSED, prefix + "transport closed", e);
            case InterruptedIOException i -> {
                // The transport consumed the interrupt to abort the wait; our caller still needs to see it.
                Thread.currentThread().interrupt();
                yield new DtlsHandshakeException(Reason.INTERRUPTED, prefix + "interrupted", e);
            }
            case TlsFatalAlert alert -> new DtlsHandshakeException(Reason.PROTOCOL,
                    prefix + "sent fatal alert " + alert.getMessage() + detail(alert), e);
            default -> new DtlsHandshakeException(Reason.PROTOCOL, prefix + e, e);
        };
    }

    private static String detail(TlsFatalAlert alert) {
        Throwable cause = alert.getCause();
        return cause == null ? "" : " (" + cause + ")";
    }

    private static String describe(DtlsRole role) {
        return "DTLS " + role.name().toLowerCase(Locale.ROOT) + " handshake";
    }

    private static void closeQuietly(DTLSTransport connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // The result is discarded either way; a failed close_notify changes nothing.
        }
    }
}
