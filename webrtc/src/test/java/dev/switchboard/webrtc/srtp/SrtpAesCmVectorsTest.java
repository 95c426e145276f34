package dev.switchboard.webrtc.srtp;

import static dev.switchboard.webrtc.srtp.SrtpFixtures.hex;
import static dev.switchboard.webrtc.srtp.SrtpFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Tests AES_CM_128_HMAC_SHA1_80 against RFC 3711 Appendix B.2 and libsrtp's published known answers;
 * single-threaded.
 */
class SrtpAesCmVectorsTest {

    private static final SrtpProfile CM = SrtpProfile.AES_CM_128_HMAC_SHA1_80;

    /**
     * B.2: session key and salt given, SSRC, ROC and sequence number zero, so encrypting a zero
     * payload yields the keystream; the table's last rows are block 0xFEFF to 0xFF01.
     */
    @Test
    void appendixB2Keystream() {
        SessionKeys keys = new SessionKeys(
                hex("2B7E151628AED2A6ABF7158809CF4F3C"), new byte[20], hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"));
        int keystreamLength = 1044512;
        byte[] packet = new byte[12 + keystreamLength + CM.rtpOverhead()];
        packet[0] = (byte) 0x80;

        new AesCmHmacSha1Cipher(keys).sealRtp(packet, 0, 12, 12 + keystreamLength, 0, 0);

        assertThat(hex(Arrays.copyOfRange(packet, 12, 12 + 48))).isEqualToIgnoringCase(
                "E03EAD0935C95E80E166B16DD92B4EB4"
                        + "D23513162B02D0F72A43A2FE4A5F97AB"
                        + "41E95B3BB0A2E8DD477901E4FCA894C0");
        int tail = 12 + 0xFEFF * 16;
        assertThat(tail + 48).isEqualTo(12 + keystreamLength);
        assertThat(hex(Arrays.copyOfRange(packet, tail, tail + 48))).isEqualToIgnoringCase(
                "EC8CDF7398607CB0F2D21675EA9EA1E4"
                        + "362B7C3C6773516318A077D7FC5073AE"
                        + "6A2CC3787889374FBEB4C81B17BA6C44");
    }

    // libsrtp test/srtp_driver.c, srtp_validate(): master key and salt of RFC 3711 B.3, SSRC
    // 0xcafebabe, sequence number 0x1234, and the first SRTCP packet carrying index 1 with E set.
    // Not an RFC vector, but the reference implementation browsers link, run through KDF, IV,
    // HMAC and layout together.
    private static final byte[] LIBSRTP_KEY = hex("e1f97a0d3e018be0d64fa32c06de4139");
    private static final byte[] LIBSRTP_SALT = hex("0ec675ad498afeebb6960b3aabe6");
    private static final byte[] RTP = hex("800f1234decafbad cafebabe abababab abababab abababab abababab");
    private static final byte[] SRTP = hex("800f1234decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402"
            + " b78d6acc 99ea179b 8dbb");
    private static final byte[] RTCP = hex("81c8000bcafebabe abababababababab abababababababab");
    private static final byte[] SRTCP = hex("81c8000bcafebabe 7128035be487b9bd bef89041f977a5a8"
            + " 80000001 993e08cd54d6c1230798");

    @Test
    void libsrtpKnownAnswersProtect() {
        SrtpSession sender = SrtpSession.create(SrtpFixtures.symmetric(CM, LIBSRTP_KEY, LIBSRTP_SALT), true);

        assertThat(run(sender::protectRtp, RTP).bytes()).isEqualTo(SRTP);
        assertThat(run(sender::protectRtcp, RTCP).bytes()).isEqualTo(SRTCP);
    }

    @Test
    void libsrtpKnownAnswersUnprotect() {
        SrtpSession receiver = SrtpSession.create(SrtpFixtures.symmetric(CM, LIBSRTP_KEY, LIBSRTP_SALT), false);

        assertThat(run(receiver::unprotectRtp, SRTP).bytes()).isEqualTo(RTP);
        assertThat(run(receiver::unprotectRtcp, SRTCP).bytes()).isEqualTo(RTCP);
    }
}
