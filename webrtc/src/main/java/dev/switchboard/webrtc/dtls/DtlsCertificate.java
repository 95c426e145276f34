package dev.switchboard.webrtc.dtls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 certificate and key for DTLS-SRTP, identified by its fingerprint rather
 * than a CA (RFC 8827 §6.5, RFC 5763 §5); immutable and thread-safe.
 */
public final class DtlsCertificate {

    // One day of back-dating tolerates peers whose clocks run behind ours.
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final byte[] encoded;
    private final Fingerprint fingerprint;

    private DtlsCertificate(X509Certificate certificate, PrivateKey privateKey, byte[] encoded) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.encoded = encoded;
        this.fingerprint = Fingerprint.of("sha-256", encoded);
    }

    /** A fresh key pair and a SHA256withECDSA certificate valid from now-1d to now+30d on {@code clock}. */
    public static DtlsCertificate generateEcdsaP256(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair keys = generator.generateKeyPair();

            // Browsers ignore the name; a random one keeps certificates of different nodes distinct.
            byte[] nameBytes = new byte[8];
            RANDOM.nextBytes(nameBytes);
            X500Name name = new X500Name("CN=switchboard-" + HexFormat.of().formatHex(nameBytes));
            Instant now = clock.instant();
            BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            return new DtlsCertificate(certificate, keys.getPrivate(), certificate.getEncoded());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create an ECDSA P-256 certificate on this JDK", e);
        }
    }

    /** The sha-256 fingerprint to announce in {@code a=fingerprint}. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The DER encoding, as sent in the DTLS Certificate message. */
    public byte[] encoded() {
        return encoded.clone();
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate certificate() {
        return certificate;
    }
}
