package dev.switchboard.webrtc.dtls;

import dev.switchboard.webrtc.srtp.SrtpProfile;
import dev.switchboard.webrtc.dtls.DtlsHandshakeException.Reason;
import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The DTLS client of a DTLS-SRTP association (RFC 5764 §4.1, RFC 5763 §5): offers {@code use_srtp},
 * checks the server's certificate against the SDP fingerprint, answers the CertificateRequest with
 * our own certificate, and exports the SRTP keys; one instance per handshake, called back only on
 * the handshake thread.
 */
final class DtlsSrtpClient extends DefaultTlsClient {

    private final LocalCredentials credentials;
    private final Fingerprint expectedRemote;
    private final List<SrtpProfile> offered;
    private final int timeoutMillis;
    private final HandshakeOutcome outcome;

    DtlsSrtpClient(BcTlsCrypto crypto, LocalCredentials credentials, Fingerprint expectedRemote,
            List<SrtpProfile> offered, int timeoutMillis, HandshakeOutcome outcome) {
        super(crypto);
        this.credentials = credentials;
        this.expectedRemote = expectedRemote;
        this.offered = offered;
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
    @SuppressWarnings({"rawtypes", "unchecked"}) // BouncyCastle's API predates generics.
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, UseSrtp.offer(offered));
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes") // BouncyCastle's API predates generics.
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData answer = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (answer == null) {
            throw outcome.fail(Reason.NO_COMMON_SRTP_PROFILE, AlertDescription.handshake_failure,
                    "server did not accept any offered SRTP profile " + offered);
        }
        if (answer.getMki().length != 0) {
            // RFC 5764 §4.1.1: an MKI other than the (empty) one offered aborts the handshake.
            throw outcome.fail(Reason.PROTOCOL, AlertDescription.illegal_parameter,
                    "server answered use_srtp with an MKI we did not offer");
        }
        SrtpProfile chosen = UseSrtp.accept(answer, offered).orElseThrow(() -> outcome.fail(
                Reason.NO_COMMON_SRTP_PROFILE, AlertDescription.illegal_parameter,
                "server chose SRTP profile " + UseSrtp.describe(answer) + ", we offered " + offered));
        outcome.srtpProfile(chosen);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                outcome.remoteCertificateDer(RemoteCertificateCheck.verify(
                        serverCertificate.getCertificate(), expectedRemote, outcome));
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return credentials.signer(context, request.getSupportedSignatureAlgorithms());
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        outcome.exportKeyingMaterial(context);
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        DtlsPolicy.logAlert("sent", DtlsRole.CLIENT, alertLevel, alertDescription, message);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        DtlsPolicy.logAlert("received", DtlsRole.CLIENT, alertLevel, alertDescription, null);
    }
}
