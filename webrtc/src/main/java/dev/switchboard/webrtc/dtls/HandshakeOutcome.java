package dev.switchboard.webrtc.dtls;

import dev.switchboard.webrtc.srtp.SrtpProfile;
import dev.switchboard.webrtc.dtls.DtlsHandshakeException.Reason;
import java.util.Optional;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * What the BouncyCastle callbacks of one DTLS-SRTP handshake (RFC 5764 §4) learn, for {@link
 * DtlsHandshake} to read once the protocol call returns; confined to the handshake thread, on
 * which BouncyCastle makes every callback.
 */
final class HandshakeOutcome {

    private SrtpProfile srtpProfile;
    private byte[] remoteCertificateDer;
    private byte[] keyingMaterial;
    private Reason failureReason;
    private String failureMessage;

    /**
     * Remembers why we are aborting and returns the alert to throw; BouncyCastle sends the alert
     * but reports only its description, so the reason would otherwise be lost.
     */
    TlsFatalAlert fail(Reason reason, short alertDescription, String message) {
        if (failureReason == null) {
            failureReason = reason;
            failureMessage = message;
        }
        return new TlsFatalAlert(alertDescription, message);
    }

    Optional<Reason> failureReason() {
        return Optional.ofNullable(failureReason);
    }

    String failureMessage() {
        return failureMessage;
    }

    void srtpProfile(SrtpProfile profile) {
        this.srtpProfile = profile;
    }

    SrtpProfile srtpProfile() {
        return srtpProfile;
    }

    void remoteCertificateDer(byte[] der) {
        this.remoteCertificateDer = der;
    }

    byte[] remoteCertificateDer() {
        return remoteCertificateDer;
    }

    /**
     * Exports the SRTP keying material for the chosen profile (RFC 5764 §4.2); called from
     * {@code notifyHandshakeComplete} because the master secret is wiped when the protocol call returns.
     */
    void exportKeyingMaterial(TlsContext context) {
        this.keyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
                srtpProfile.keyingMaterialLength());
    }

    byte[] keyingMaterial() {
        return keyingMaterial;
    }

    /** Whether every part of a {@link DtlsResult} was learnt. */
    boolean isComplete() {
        return srtpProfile != null && remoteCertificateDer != null && keyingMaterial != null;
    }
}
