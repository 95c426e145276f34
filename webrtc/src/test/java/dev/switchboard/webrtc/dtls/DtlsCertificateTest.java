package dev.switchboard.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Tests {@link DtlsCertificate} (RFC 8827 §6.5 self-signed ECDSA certificates); single-threaded. */
class DtlsCertificateTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void isASelfSignedP256CertificateWithMatchingFingerprint() throws Exception {
        DtlsCertificate cert = DtlsCertificate.generateEcdsaP256(Clock.fixed(NOW, ZoneOffset.UTC));
        X509Certificate x509 = cert.certificate();

        assertThat(x509.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(x509.getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
        assertThat(cert.privateKey().getAlgorithm()).isEqualTo("EC");
        x509.verify(x509.getPublicKey());
        assertThat(x509.getSubjectX500Principal()).isEqualTo(x509.getIssuerX500Principal());

        assertThat(x509.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(x509.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));

        assertThat(cert.encoded()).isEqualTo(x509.getEncoded());
        assertThat(cert.fingerprint().algorithm()).isEqualTo("sha-256");
        assertThat(cert.fingerprint().matches(cert.encoded())).isTrue();
        assertThat(cert.fingerprint()).isEqualTo(Fingerprint.of("sha-256", x509.getEncoded()));
    }

    @Test
    void eachCertificateIsNew() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        DtlsCertificate a = DtlsCertificate.generateEcdsaP256(clock);
        DtlsCertificate b = DtlsCertificate.generateEcdsaP256(clock);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        assertThat(a.certificate().getSerialNumber()).isPositive();
    }
}
