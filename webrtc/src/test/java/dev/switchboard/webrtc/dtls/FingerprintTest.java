package dev.switchboard.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests {@link Fingerprint} against RFC 8122 §5; single-threaded. */
class FingerprintTest {

    private static final byte[] CERT = "not really DER, but any bytes hash".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"sha-1,SHA-1,20", "sha-256,SHA-256,32", "sha-384,SHA-384,48", "sha-512,SHA-512,64"})
    void ofParseFormatAndMatchAgree(String algorithm, String jca, int length) throws Exception {
        Fingerprint f = Fingerprint.of(algorithm, CERT);
        assertThat(f.algorithm()).isEqualTo(algorithm);
        assertThat(f.value()).hasSize(length).isEqualTo(MessageDigest.getInstance(jca).digest(CERT));
        String sdp = f.toSdpValue();
        assertThat(sdp).matches(algorithm + " ([0-9A-F]{2}:)+[0-9A-F]{2}");
        assertThat(Fingerprint.parse(sdp)).isEqualTo(f).hasSameHashCodeAs(f);
        assertThat(f.matches(CERT)).isTrue();
        assertThat(f.matches("other".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(f.matches(null)).isFalse();
    }

    @Test
    void parsingIsCaseInsensitiveButFormattingIsCanonical() {
        Fingerprint f = Fingerprint.of("sha-256", CERT);
        String lower = "SHA-256 " + f.toSdpValue().substring(8).toLowerCase(java.util.Locale.ROOT);
        Fingerprint parsed = Fingerprint.parse(lower);
        assertThat(parsed).isEqualTo(f);
        assertThat(parsed.algorithm()).isEqualTo("sha-256");
        assertThat(parsed.toSdpValue()).isEqualTo(f.toSdpValue());
    }

    @Test
    void valueIsDefensivelyCopied() {
        Fingerprint f = Fingerprint.of("sha-256", CERT);
        f.value()[0] ^= 1;
        assertThat(f.matches(CERT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "sha-256", "md5 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF",
        "sha-256 00:11", "sha-1 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:3G",
        "sha-1 00-11-22-33-44-55-66-77-88-99-AA-BB-CC-DD-EE-FF-00-11-22-33",
        "sha-1 0011:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:",
        "sha-1 \u0660\u0661:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33",
    })
    void garbageIsRejectedWithIllegalArgumentException(String value) {
        assertThatThrownBy(() -> Fingerprint.parse(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullHugeAndWrongLengthsAreRejected() {
        assertThatThrownBy(() -> Fingerprint.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprint.parse("sha-256 " + "AB:".repeat(1000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fingerprint("sha-256", new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprint.of("sha-3", CERT)).isInstanceOf(IllegalArgumentException.class);
    }
}
