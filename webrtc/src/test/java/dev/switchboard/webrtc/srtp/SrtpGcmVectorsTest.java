package dev.switchboard.webrtc.srtp;

import static dev.switchboard.webrtc.srtp.SrtpFixtures.hex;
import static dev.switchboard.webrtc.srtp.SrtpFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Tests AEAD_AES_128_GCM against RFC 7714 §16 and §17 and libsrtp's published known answers;
 * single-threaded.
 *
 * <p>RFC 7714 gives session keys, not master keys, so its vectors drive the sending and receiving
 * halves with a cipher built from them; it has no vector with CSRCs or a header extension.
 */
class SrtpGcmVectorsTest {

    private static final SrtpProfile GCM = SrtpProfile.AEAD_AES_128_GCM;
    private static final SessionKeys RFC_KEYS = new SessionKeys(
            hex("000102030405060708090a0b0c0d0e0f"), new byte[0], hex("517569642070726f2071756f"));

    // §16.1.1: SSRC 0x5501a0b2, sequence number 0xf17b, ROC 0.
    private static final byte[] RTP = hex("8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973"
            + " 20646976 69736120 696e2070 61727465 73207472 6573");
    private static final byte[] SRTP = hex("8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca"
            + " be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce");

    // §17: SSRC "Mars" (0x4d617273), SRTCP index 0x5d4.
    private static final byte[] RTCP = hex("81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930"
            + " 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef");
    private static final byte[] SRTCP = hex("81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7"
            + " 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade"
            + " 800005d4");
    // §17.3: the same packet authenticated only (E flag clear).
    private static final byte[] SRTCP_UNENCRYPTED = hex("81c8000d 4d617273 4e545031 4e545032 52545020"
            + " 0000042a 0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef 841dd968 3dd78ec9"
            + " 2ae58790 125f62b3 000005d4");
    private static final int RFC_SRTCP_INDEX = 0x5d4;

    private static SrtpSender rfcSender() {
        return new SrtpSender(SrtpCipher.of(GCM, RFC_KEYS), SrtpCipher.of(GCM, RFC_KEYS), 64);
    }

    private static SrtpReceiver rfcReceiver() {
        return new SrtpReceiver(SrtpCipher.of(GCM, RFC_KEYS), SrtpCipher.of(GCM, RFC_KEYS), 64);
    }

    @Test
    void rfc7714Section16RtpEncryption() {
        assertThat(run(rfcSender()::protectRtp, RTP).bytes()).isEqualTo(SRTP);
    }

    @Test
    void rfc7714Section16RtpDecryption() {
        assertThat(run(rfcReceiver()::unprotectRtp, SRTP).bytes()).isEqualTo(RTP);
    }

    @Test
    void rfc7714Section17RtcpEncryption() {
        // The sending half counts SRTCP indices itself, so the RFC's index is set on the cipher.
        SrtpCipher cipher = SrtpCipher.of(GCM, RFC_KEYS);
        byte[] buf = new byte[RTCP.length + GCM.rtcpOverhead()];
        System.arraycopy(RTCP, 0, buf, 0, RTCP.length);

        int length = cipher.sealRtcp(buf, 0, RTCP.length, 0x4d617273, RFC_SRTCP_INDEX);

        assertThat(length).isEqualTo(SRTCP.length);
        assertThat(buf).isEqualTo(SRTCP);
    }

    @Test
    void rfc7714Section17RtcpDecryptionWithAndWithoutEncryption() {
        SrtpReceiver receiver = rfcReceiver();

        assertThat(run(receiver::unprotectRtcp, SRTCP).bytes()).isEqualTo(RTCP);
        // Same index again, now unencrypted: the replay window must refuse it...
        assertThat(run(receiver::unprotectRtcp, SRTCP_UNENCRYPTED).result()).isEqualTo(SrtpResult.REPLAYED);
        // ...while a fresh receiver authenticates it without decrypting.
        assertThat(run(rfcReceiver()::unprotectRtcp, SRTCP_UNENCRYPTED).bytes()).isEqualTo(RTCP);
    }

    // libsrtp test/srtp_driver.c, srtp_validate_gcm(): master key 00..0f, 12-byte master salt
    // a0..ab, SSRC 0xcafebabe, sequence number 0x1234, first SRTCP index 1. These go through the key
    // derivation, so they also pin where a 12-byte master salt sits in the PRF input.
    private static final byte[] LIBSRTP_KEY = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] LIBSRTP_SALT = hex("a0a1a2a3a4a5a6a7a8a9aaab");
    private static final byte[] LIBSRTP_RTP = hex("800f1234decafbad cafebabe abababab abababab abababab abababab");
    private static final byte[] LIBSRTP_SRTP = hex("800f1234decafbad cafebabe c5002ede 04cfdd2e b91159e0 880aa06e"
            + " d2976826 f796b201 df3131a1 27e8a392");
    private static final byte[] LIBSRTP_RTCP = hex("81c8000bcafebabe abababababababab abababababababab");
    private static final byte[] LIBSRTP_SRTCP = hex("81c8000bcafebabe c98b8b5df0392a55 852b6c21ac8e7025"
            + " c52c6fbea2b3b446 ea31123ba88ce61e 80000001");

    @Test
    void libsrtpKnownAnswers() {
        SrtpKeyMaterial keys = SrtpFixtures.symmetric(GCM, LIBSRTP_KEY, LIBSRTP_SALT);
        SrtpSession sender = SrtpSession.create(keys, true);
        SrtpSession receiver = SrtpSession.create(keys, false);

        assertThat(run(sender::protectRtp, LIBSRTP_RTP).bytes()).isEqualTo(LIBSRTP_SRTP);
        assertThat(run(sender::protectRtcp, LIBSRTP_RTCP).bytes()).isEqualTo(LIBSRTP_SRTCP);
        assertThat(run(receiver::unprotectRtp, LIBSRTP_SRTP).bytes()).isEqualTo(LIBSRTP_RTP);
        assertThat(run(receiver::unprotectRtcp, LIBSRTP_SRTCP).bytes()).isEqualTo(LIBSRTP_RTCP);
    }
}
