package dev.switchboard.webrtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Tests {@link HmacSha1} against the JDK's {@code HmacSHA1} and RFC 2202; single-threaded. */
class SrtpHmacSha1Test {

    @Test
    void rfc2202TestCase2() {
        HmacSha1 hmac = new HmacSha1("Jefe".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] data = "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[20];

        hmac.begin();
        hmac.update(data, 0, data.length);
        hmac.finish(out);

        assertThat(SrtpFixtures.hex(out)).isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    }

    @Test
    void agreesWithTheJdkMacForManyKeysAndLengthsAndIsReusable() throws Exception {
        Random random = new Random(40);
        Mac jdk = Mac.getInstance("HmacSHA1");
        for (int keyLength : new int[] {20, 1, 64, 65, 100}) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            HmacSha1 ours = new HmacSha1(key);
            jdk.init(new SecretKeySpec(key, "HmacSHA1"));
            for (int length = 0; length < 300; length += 7) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                byte[] out = new byte[20];
                ours.begin();
                ours.update(data, 0, length);
                ours.finish(out);
                assertThat(out).as("key %d, data %d", keyLength, length).isEqualTo(jdk.doFinal(data));
            }
        }
    }
}
