package dev.switchboard.webrtc.dtls;

import dev.switchboard.webrtc.srtp.SrtpProfile;
import dev.switchboard.webrtc.dtls.DtlsHandshakeException.Reason;
import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The DTLS server of a DTLS-SRTP association (RFC 5764 §4.1, RFC 5763 §5): picks the SRTP profile
 * from the client's {@code use_srtp}, demands the client's certificate and checks it against the
 * SDP fingerprint, and exports the SRTP keys; one instance per handshake, called back only on the
 * handshake thread.
 */
final class DtlsSrtpServer extends DefaultTlsServer {

    private final LocalCredentials credentials;
    private final Fingerprint expectedRemote;
    private final List<SrtpProfile> preference;
    private final int timeoutMillis;
    private final HandshakeOutcome outcome;

    DtlsSrtpServer(BcTlsCrypto crypto, LocalCredentials credentials, Fingerprint expectedRemote,
            List<SrtpProfile> preference, int timeoutMillis, HandshakeOutcome outcome) {
        super(crypto);
        this.credentials = credentials;
        this.expectedRemote = expectedRemote;
        this.preference = preference;
        this.timeoutMillis = timeoutMillis;
        this.outcome = outcome;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return DtlsPolicy.versions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return DtlsPolicy.cipherSuites(getCrypto());
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return timeoutMillis;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return DtlsPolicy.REQUIRE_EXTENDED_MASTER_SECRET;
    }

    @Override
    public boolean shouldCheckSigAlgOfPeerCerts() {
        return DtlsPolicy.CHECK_PEER_CERTIFICATE_SIGNATURE_ALGORITHMS;
    }

    @Override
    @SuppressWarnings("rawtypes") // BouncyCastle's API predates generics.
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw outcome.fail(Reason.NO_COMMON_SRTP_PROFILE, AlertDescription.handshake_failure,
                    "client offered no use_srtp extension");
        }
        // RFC 5764 §4.1.1 would let us fall back to plain DTLS, but media cannot flow without SRTP.
        SrtpProfile chosen = UseSrtp.choose(offered, preference).orElseThrow(() -> outcome.fail(
                Reason.NO_COMMON_SRTP_PROFILE, AlertDescription.handshake_failure,
                "no common SRTP profile: client offered " + UseSrtp.describe(offered) + ", we accept " + preference));
        outcome.srtpProfile(chosen);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // BouncyCastle's API predates generics.
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, UseSrtp.answer(outcome.srtpProfile()));
        return extensions;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return credentials.signer(context, context.getSecurityParametersHandshake().getClientSigAlgs());
    }

    /** Chrome and Firefox always answer with their certificate; without it there is nothing to authenticate. */
    @Override
    public CertificateRequest getCertificateRequest() {
        return new CertificateRequest(DtlsPolicy.clientCertificateTypes(),
                TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        outcome.remoteCertificateDer(RemoteCertificateCheck.verify(clientCertificate, expectedRemote, outcome));
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        outcome.exportKeyingMaterial(context);
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        DtlsPolicy.logAlert("sent", DtlsRole.SERVER, alertLevel, alertDescription, message);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        DtlsPolicy.logAlert("received", DtlsRole.SERVER, alertLevel, alertDescription, null);
    }
}
