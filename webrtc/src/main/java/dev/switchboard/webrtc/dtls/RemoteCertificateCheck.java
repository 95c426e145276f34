package dev.switchboard.webrtc.dtls;

import dev.switchboard.webrtc.dtls.DtlsHandshakeException.Reason;
import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;

/**
 * Authenticates the peer the WebRTC way: its end-entity certificate must hash to the {@code
 * a=fingerprint} of its SDP (RFC 8122 §5, RFC 5763 §5, RFC 8827 §6.5), with no CA or validity
 * check because browsers send short-lived self-signed certificates; stateless and thread-safe.
 */
final class RemoteCertificateCheck {

    private RemoteCertificateCheck() {
    }

    /**
     * Returns the verified certificate's DER encoding.
     *
     * @throws IOException a fatal alert, recorded in {@code outcome}, when the peer sent no
     *     certificate or one that does not match
     */
    static byte[] verify(Certificate chain, Fingerprint expected, HandshakeOutcome outcome) throws IOException {
        if (chain == null || chain.isEmpty()) {
            // RFC 5246 §7.4.6: a server that requires client authentication answers handshake_failure.
            throw outcome.fail(Reason.NO_CERTIFICATE, AlertDescription.handshake_failure,
                    "peer sent no certificate to compare with fingerprint " + expected.toSdpValue());
        }
        byte[] der = chain.getCertificateAt(0).getEncoded();
        if (!expected.matches(der)) {
            throw outcome.fail(Reason.FINGERPRINT_MISMATCH, AlertDescription.bad_certificate,
                    "peer certificate does not match the SDP fingerprint " + expected.toSdpValue()
                            + "; it hashes to " + Fingerprint.of(expected.algorithm(), der).toSdpValue());
        }
        return der;
    }
}
