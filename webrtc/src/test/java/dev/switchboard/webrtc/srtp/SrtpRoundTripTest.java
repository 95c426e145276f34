package dev.switchboard.webrtc.srtp;

import static dev.switchboard.webrtc.srtp.SrtpFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.webrtc.bytes.BigEndian;
import dev.switchboard.webrtc.srtp.SrtpFixtures.Outcome;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tests protect-then-unprotect through {@link SrtpSession} for both profiles; single-threaded. */
class SrtpRoundTripTest {

    private static final int SSRC = 0x1234_5678;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpWithCsrcsExtensionAndPaddingRoundTripsAndOnlyThePayloadChanges(SrtpProfile profile) {
        Random random = new Random(1);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession client = SrtpSession.create(keys, true);
        SrtpSession server = SrtpSession.create(keys, false);
        byte[] rtp = SrtpFixtures.rtp(7, SSRC, 3, 2, 200, true, random);
        int header = 12 + 3 * 4 + 4 + 2 * 4;

        Outcome sealed = run(client::protectRtp, rtp);

        assertThat(sealed.result()).isEqualTo(rtp.length + profile.rtpOverhead());
        assertThat(Arrays.copyOf(sealed.bytes(), header)).isEqualTo(Arrays.copyOf(rtp, header));
        assertThat(Arrays.copyOfRange(sealed.bytes(), header, rtp.length))
                .isNotEqualTo(Arrays.copyOfRange(rtp, header, rtp.length));
        assertThat(run(server::unprotectRtp, sealed.bytes()).bytes()).isEqualTo(rtp);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpWithEmptyPayloadRoundTrips(SrtpProfile profile) {
        Random random = new Random(2);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        byte[] rtp = SrtpFixtures.rtp(1, SSRC, 0, 1, 0, false, random);

        Outcome sealed = run(SrtpSession.create(keys, true)::protectRtp, rtp);

        assertThat(run(SrtpSession.create(keys, false)::unprotectRtp, sealed.bytes()).bytes()).isEqualTo(rtp);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTripsWithIncreasingIndexAndEncryptedBody(SrtpProfile profile) {
        Random random = new Random(3);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession client = SrtpSession.create(keys, true);
        SrtpSession server = SrtpSession.create(keys, false);

        for (int i = 1; i <= 5; i++) {
            byte[] rtcp = SrtpFixtures.rtcp(SSRC, 24 + 4 * i, random);
            Outcome sealed = run(client::protectRtcp, rtcp);

            assertThat(sealed.result()).isEqualTo(rtcp.length + profile.rtcpOverhead());
            assertThat(Arrays.copyOf(sealed.bytes(), 8)).isEqualTo(Arrays.copyOf(rtcp, 8));
            assertThat(Arrays.copyOfRange(sealed.bytes(), 8, rtcp.length))
                    .isNotEqualTo(Arrays.copyOfRange(rtcp, 8, rtcp.length));
            int indexAt = profile == SrtpProfile.AEAD_AES_128_GCM ? sealed.result() - 4 : rtcp.length;
            assertThat(BigEndian.readInt(sealed.bytes(), indexAt)).isEqualTo(0x8000_0000 | i);
            assertThat(run(server::unprotectRtcp, sealed.bytes()).bytes()).isEqualTo(rtcp);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void eachSideSendsUnderItsOwnRoleKeys(SrtpProfile profile) {
        Random random = new Random(4);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession client = SrtpSession.create(keys, true);
        SrtpSession server = SrtpSession.create(keys, false);
        byte[] rtp = SrtpFixtures.rtp(100, SSRC, 0, 0, 50, false, random);

        byte[] fromServer = run(server::protectRtp, rtp).bytes();
        byte[] fromClient = run(client::protectRtp, rtp).bytes();

        assertThat(fromServer).isNotEqualTo(fromClient);
        assertThat(run(client::unprotectRtp, fromServer).bytes()).isEqualTo(rtp);
        assertThat(run(server::unprotectRtp, fromClient).bytes()).isEqualTo(rtp);
        // A peer in the same role cannot read us: its receiving keys are ours only if roles differ.
        assertThat(run(SrtpSession.create(keys, true)::unprotectRtp, fromClient).result())
                .isEqualTo(SrtpResult.AUTH_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void everyFlippedBitIsRejectedWithoutHarmingTheStream(SrtpProfile profile) {
        Random random = new Random(5);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession receiver = SrtpSession.create(keys, false);
        byte[] rtp = SrtpFixtures.rtp(9, SSRC, 1, 1, 20, false, random);
        byte[] rtcp = SrtpFixtures.rtcp(SSRC, 20, random);
        byte[] srtp = run(SrtpSession.create(keys, true)::protectRtp, rtp).bytes();
        byte[] srtcp = run(SrtpSession.create(keys, true)::protectRtcp, rtcp).bytes();
        int rtpHeader = 12 + 4 + 4 + 4;

        for (int bit = 0; bit < srtp.length * 8; bit++) {
            int result = run(receiver::unprotectRtp, flip(srtp, bit)).result();
            // Bits that reshape the header (version, CC, X, extension length) may make it unparsable.
            assertThat(result).as("RTP bit %d", bit)
                    .isIn(SrtpResult.AUTH_FAILED, SrtpResult.MALFORMED);
            if (bit >= rtpHeader * 8) {
                assertThat(result).as("RTP bit %d", bit).isEqualTo(SrtpResult.AUTH_FAILED);
            }
        }
        for (int bit = 0; bit < srtcp.length * 8; bit++) {
            int result = run(receiver::unprotectRtcp, flip(srtcp, bit)).result();
            assertThat(result).as("RTCP bit %d", bit).isIn(SrtpResult.AUTH_FAILED, SrtpResult.MALFORMED);
            if (bit >= 8) {
                assertThat(result).as("RTCP bit %d", bit).isEqualTo(SrtpResult.AUTH_FAILED);
            }
        }
        // Forgeries must not have moved any replay window or added SSRCs.
        assertThat(run(receiver::unprotectRtp, srtp).bytes()).isEqualTo(rtp);
        assertThat(run(receiver::unprotectRtcp, srtcp).bytes()).isEqualTo(rtcp);
    }

    private static byte[] flip(byte[] packet, int bit) {
        byte[] copy = packet.clone();
        copy[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
        return copy;
    }
}
