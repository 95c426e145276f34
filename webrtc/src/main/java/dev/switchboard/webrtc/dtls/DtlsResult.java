package dev.switchboard.webrtc.dtls;

import dev.switchboard.webrtc.srtp.SrtpKeyMaterial;
import dev.switchboard.webrtc.srtp.SrtpProfile;
import java.time.Duration;
import java.util.Objects;
import org.bouncycastle.tls.DTLSTransport;

/**
 * What a completed DTLS-SRTP handshake yields: the negotiated {@code use_srtp} profile, the
 * {@code EXTRACTOR-dtls_srtp} keying material (RFC 5764 §4.2), the peer's verified certificate
 * and the DTLS connection for application data; immutable except for the connection, which is
 * BouncyCastle's and may be used from one receiving and one sending thread.
 *
 * <p>{@code handshakeDuration} runs from the start of {@link DtlsHandshake#run} to completion, so
 * for a server it includes the wait for the first ClientHello. Arrays are copied in and out, so
 * {@code equals} is identity-based and not meant to be used.
 */
public record DtlsResult(
        DtlsRole role,
        SrtpProfile srtpProfile,
        byte[] keyingMaterial,
        byte[] remoteCertificateDer,
        DTLSTransport transport,
        Duration handshakeDuration) {

    public DtlsResult {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(srtpProfile, "srtpProfile");
        Objects.requireNonNull(keyingMaterial, "keyingMaterial");
        Objects.requireNonNull(remoteCertificateDer, "remoteCertificateDer");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(handshakeDuration, "handshakeDuration");
        if (keyingMaterial.length != srtpProfile.keyingMaterialLength()) {
            throw new IllegalArgumentException(srtpProfile + " needs " + srtpProfile.keyingMaterialLength()
                    + " bytes of keying material, got " + keyingMaterial.length);
        }
        keyingMaterial = keyingMaterial.clone();
        remoteCertificateDer = remoteCertificateDer.clone();
    }

    /** The negotiated SRTPProtectionProfile value, e.g. 0x0007 for AEAD_AES_128_GCM. */
    public int srtpProfileId() {
        return srtpProfile.id();
    }

    @Override
    public byte[] keyingMaterial() {
        return keyingMaterial.clone();
    }

    @Override
    public byte[] remoteCertificateDer() {
        return remoteCertificateDer.clone();
    }

    /** The keying material split into our and the peer's SRTP master key and salt. */
    public SrtpKeyMaterial srtpKeyMaterial() {
        return SrtpKeyMaterial.fromExporter(srtpProfile, keyingMaterial);
    }
}
