package dev.switchboard.webrtc.dtls;

import java.time.Duration;
import java.util.Locale;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS parameters both roles share: DTLS 1.2 only, ECDHE with ECDSA certificates as RFC 8827
 * §6.5 requires of WebRTC endpoints, and the cipher suites browsers offer; stateless and
 * thread-safe.
 */
final class DtlsPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(DtlsPolicy.class);

    /** Both of our certificates are ECDSA, so only ECDHE_ECDSA suites can be negotiated anyway. */
    private static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        // The CBC suites only for peers without AEAD suites; Chrome still lists them last.
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    };

    /**
     * RSA too, because RFC 8827 lets browsers use RSA certificates (RTCPeerConnection
     * generateCertificate); the fingerprint, not the key type, is what authenticates them.
     */
    private static final short[] CLIENT_CERTIFICATE_TYPES = {
        ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign,
    };

    /** The SRTP keys come from the exporter, which RFC 7627 §5.4 forbids without extended master secret. */
    static final boolean REQUIRE_EXTENDED_MASTER_SECRET = true;

    /** The fingerprint pins the exact certificate, so how it was signed does not matter. */
    static final boolean CHECK_PEER_CERTIFICATE_SIGNATURE_ALGORITHMS = false;

    private DtlsPolicy() {
    }

    static ProtocolVersion[] versions() {
        return ProtocolVersion.DTLSv12.only();
    }

    /** Our suites that {@code crypto} implements, in our order of preference. */
    static int[] cipherSuites(TlsCrypto crypto) {
        return TlsUtils.getSupportedCipherSuites(crypto, CIPHER_SUITES);
    }

    static short[] clientCertificateTypes() {
        return CLIENT_CERTIFICATE_TYPES.clone();
    }

    /** BouncyCastle counts in int milliseconds and reads 0 as "no limit", so round up and saturate. */
    static int timeoutMillis(Duration timeout) {
        if (timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) >= 0) {
            return Integer.MAX_VALUE;
        }
        long millis = timeout.plusNanos(999_999).toMillis();
        return (int) Math.max(1, millis);
    }

    /** Alerts only at debug: a peer that goes away mid-handshake is routine, and the caller logs the failure. */
    static void logAlert(String direction, DtlsRole role, short level, short description, String message) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("DTLS {} {} {} alert {}{}", role.name().toLowerCase(Locale.ROOT), direction,
                    AlertLevel.getName(level), AlertDescription.getText(description),
                    message == null ? "" : ": " + message);
        }
    }
}
