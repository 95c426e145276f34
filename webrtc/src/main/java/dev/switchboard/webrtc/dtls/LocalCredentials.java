package dev.switchboard.webrtc.dtls;

import java.io.IOException;
import java.util.Vector;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Our {@link DtlsCertificate} in BouncyCastle's terms, signing the ServerKeyExchange or the
 * CertificateVerify with ECDSA (RFC 8422 §5.4, RFC 5246 §7.4.8) under a hash the peer accepts;
 * immutable and thread-safe, each signer it creates belonging to one handshake.
 */
final class LocalCredentials {

    private final BcTlsCrypto crypto;
    private final Certificate chain;
    private final AsymmetricKeyParameter privateKey;

    private LocalCredentials(BcTlsCrypto crypto, Certificate chain, AsymmetricKeyParameter privateKey) {
        this.crypto = crypto;
        this.chain = chain;
        this.privateKey = privateKey;
    }

    static LocalCredentials of(BcTlsCrypto crypto, DtlsCertificate certificate) throws IOException {
        TlsCertificate tlsCertificate = crypto.createCertificate(certificate.encoded());
        // The lightweight API takes keys as parameters, so the JCA key goes through its PKCS#8 form.
        AsymmetricKeyParameter key = PrivateKeyFactory.createKey(certificate.privateKey().getEncoded());
        return new LocalCredentials(crypto, new Certificate(new TlsCertificate[] {tlsCertificate}), key);
    }

    /**
     * A signer using the hash BouncyCastle prefers among the peer's ECDSA algorithms: SHA-256 when
     * offered, as Chrome does.
     *
     * @param peerSignatureAlgorithms the peer's signature_algorithms (server) or the
     *     CertificateRequest's list (client); null means the RFC 5246 §7.4.1.4.1 default
     */
    @SuppressWarnings("rawtypes") // BouncyCastle's API predates generics.
    TlsCredentialedSigner signer(TlsContext context, Vector peerSignatureAlgorithms) throws IOException {
        if (peerSignatureAlgorithms != null
                && !TlsUtils.containsAnySignatureAlgorithm(peerSignatureAlgorithms, SignatureAlgorithm.ecdsa)) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "peer accepts no ECDSA signatures");
        }
        SignatureAndHashAlgorithm algorithm = TlsUtils.chooseSignatureAndHashAlgorithm(
                context, peerSignatureAlgorithms, SignatureAlgorithm.ecdsa);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey, chain,
                algorithm);
    }
}
