package dev.switchboard.webrtc.srtp;

import static dev.switchboard.webrtc.srtp.SrtpFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tests that malformed and hostile input yields result codes, never exceptions or lengths beyond
 * the input; single-threaded.
 */
class SrtpMalformedTest {

    private static final int SSRC = 0x0101_0101;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpTooShortForHeaderOrTagIsMalformed(SrtpProfile profile) {
        Random random = new Random(20);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession sender = SrtpSession.create(keys, true);
        SrtpSession receiver = SrtpSession.create(keys, false);
        byte[] srtp = run(sender::protectRtp, SrtpFixtures.rtp(1, SSRC, 0, 0, 0, false, random)).bytes();

        // Header and tag with an empty payload is the shortest valid packet; anything shorter is not.
        for (int len = 0; len < srtp.length; len++) {
            assertThat(run(receiver::unprotectRtp, Arrays.copyOf(srtp, len)).result())
                    .as("length %d", len).isIn(SrtpResult.MALFORMED, SrtpResult.AUTH_FAILED);
        }
        for (int len = 0; len < 12 + profile.rtpOverhead(); len++) {
            assertThat(run(receiver::unprotectRtp, Arrays.copyOf(srtp, len)).result())
                    .as("length %d", len).isEqualTo(SrtpResult.MALFORMED);
        }
        for (int len = 0; len < 12; len++) {
            assertThat(run(sender::protectRtp, new byte[len]).result()).isEqualTo(SrtpResult.MALFORMED);
        }
        assertThat(run(receiver::unprotectRtp, srtp).result()).isEqualTo(12);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void overrunningCsrcCountExtensionLengthOrWrongVersionIsMalformed(SrtpProfile profile) {
        Random random = new Random(21);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession sender = SrtpSession.create(keys, true);
        SrtpSession receiver = SrtpSession.create(keys, false);
        int tag = profile.rtpOverhead();

        byte[] csrcOverflow = SrtpFixtures.rtp(1, SSRC, 0, 0, 20 + tag, false, random);
        csrcOverflow[0] = (byte) 0x8F; // 15 CSRCs = 60 bytes, more than the packet holds
        byte[] extensionOverflow = SrtpFixtures.rtp(2, SSRC, 0, 1, 8 + tag, false, random);
        extensionOverflow[14] = (byte) 0xFF; // 65,280+ words of extension
        byte[] extensionHeaderCut = SrtpFixtures.rtp(3, SSRC, 0, 0, 2 + tag, false, random);
        extensionHeaderCut[0] |= 0x10; // X set, but no room for the 4-byte extension header
        byte[] version1 = SrtpFixtures.rtp(4, SSRC, 0, 0, 20 + tag, false, random);
        version1[0] = (byte) 0x40;
        // The header fits the packet but not the packet without its tag.
        byte[] headerIntoTag = SrtpFixtures.rtp(5, SSRC, 0, 0, tag, false, random);
        headerIntoTag[0] = (byte) (0x80 | (tag + 3) / 4);

        for (byte[] bad : new byte[][] {csrcOverflow, extensionOverflow, extensionHeaderCut, version1, headerIntoTag}) {
            assertThat(run(receiver::unprotectRtp, bad).result()).isEqualTo(SrtpResult.MALFORMED);
        }
        for (byte[] bad : new byte[][] {csrcOverflow, extensionOverflow, version1}) {
            byte[] noTagRoom = Arrays.copyOf(bad, bad.length - tag);
            assertThat(run(sender::protectRtp, noTagRoom).result()).isEqualTo(SrtpResult.MALFORMED);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpTooShortOrWrongVersionIsMalformed(SrtpProfile profile) {
        Random random = new Random(22);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession sender = SrtpSession.create(keys, true);
        SrtpSession receiver = SrtpSession.create(keys, false);
        byte[] srtcp = run(sender::protectRtcp, SrtpFixtures.rtcp(SSRC, 0, random)).bytes();

        assertThat(srtcp).hasSize(8 + profile.rtcpOverhead());
        for (int len = 0; len < srtcp.length; len++) {
            assertThat(run(receiver::unprotectRtcp, Arrays.copyOf(srtcp, len)).result())
                    .as("length %d", len).isEqualTo(SrtpResult.MALFORMED);
        }
        byte[] version0 = srtcp.clone();
        version0[0] = 0x01;
        assertThat(run(receiver::unprotectRtcp, version0).result()).isEqualTo(SrtpResult.MALFORMED);
        for (int len = 0; len < 8; len++) {
            assertThat(runPrefix(sender::protectRtcp, SrtpFixtures.rtcp(SSRC, 8, random), len)).isEqualTo(SrtpResult.MALFORMED);
        }
        assertThat(run(receiver::unprotectRtcp, srtcp).result()).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectWithoutHeadroomForTheTagIsRefusedAndLeavesTheBufferAlone(SrtpProfile profile) {
        Random random = new Random(23);
        SrtpSession sender = SrtpSession.create(SrtpFixtures.keys(profile, random), true);
        byte[] rtp = SrtpFixtures.rtp(1, SSRC, 0, 0, 40, false, random);
        byte[] rtcp = SrtpFixtures.rtcp(SSRC, 40, random);
        byte[] rtpBuf = Arrays.copyOf(rtp, rtp.length + profile.rtpOverhead() - 1);
        byte[] rtcpBuf = Arrays.copyOf(rtcp, rtcp.length + profile.rtcpOverhead() - 1);

        assertThat(sender.protectRtp(rtpBuf, 0, rtp.length)).isEqualTo(SrtpResult.BUFFER_TOO_SMALL);
        assertThat(sender.protectRtcp(rtcpBuf, 0, rtcp.length)).isEqualTo(SrtpResult.BUFFER_TOO_SMALL);
        assertThat(Arrays.copyOf(rtpBuf, rtp.length)).isEqualTo(rtp);
        assertThat(Arrays.copyOf(rtcpBuf, rtcp.length)).isEqualTo(rtcp);
        // One more byte is enough.
        byte[] roomy = Arrays.copyOf(rtp, rtp.length + profile.rtpOverhead());
        assertThat(sender.protectRtp(roomy, 0, rtp.length)).isEqualTo(roomy.length);
    }

    @Test
    void offsetsOutsideTheBufferAreCallerBugs() {
        SrtpSession session = SrtpSession.create(SrtpFixtures.keys(SrtpProfile.AEAD_AES_128_GCM, new Random(24)), true);
        byte[] buf = new byte[100];

        assertThatThrownBy(() -> session.unprotectRtp(buf, 90, 20)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> session.unprotectRtcp(buf, -1, 20)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> session.protectRtp(buf, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> session.protectRtcp(buf, 101, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /**
     * Random bytes and mutations of valid packets (bit flips, truncation, extension, header field
     * rewrites) must come back as a code or a length no larger than the input, for both profiles and
     * both packet kinds, 100,000 cases in all; only a mutation that changed nothing may pass.
     */
    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void fuzzedInputNeverThrowsNorGrows(SrtpProfile profile) {
        Random random = new Random(0x5EED + profile.ordinal());
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession sender = SrtpSession.create(keys, true);
        SrtpSession receiver = SrtpSession.create(keys, false);
        int rejected = 0;

        for (int i = 0; i < 25_000; i++) {
            boolean rtcp = (i & 1) == 1;
            byte[] original = i % 10 == 0 ? null : valid(sender, rtcp, i, random);
            byte[] input = original == null ? randomBytes(random) : mutate(original.clone(), random);
            int result = run(rtcp ? receiver::unprotectRtcp : receiver::unprotectRtp, input).result();

            assertThat(result).as("case %d", i).isLessThanOrEqualTo(input.length);
            if (result >= 0) {
                assertThat(input).as("case %d was changed yet accepted", i).isEqualTo(original);
            } else {
                rejected++;
            }
        }
        assertThat(rejected).isGreaterThan(24_000);
    }

    private static int runPrefix(SrtpFixtures.Operation op, byte[] packet, int len) {
        byte[] buf = Arrays.copyOf(packet, packet.length + SrtpFixtures.ROOM);
        return op.apply(buf, 0, len);
    }

    private static byte[] valid(SrtpSession sender, boolean rtcp, int i, Random random) {
        if (rtcp) {
            return SrtpFixtures.run(sender::protectRtcp, SrtpFixtures.rtcp(SSRC, random.nextInt(64), random)).bytes();
        }
        byte[] rtp = SrtpFixtures.rtp(i & 0xFFFF, SSRC + (i & 7), random.nextInt(4), random.nextInt(3),
                random.nextInt(200), random.nextBoolean(), random);
        return SrtpFixtures.run(sender::protectRtp, rtp).bytes();
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(120)];
        random.nextBytes(b);
        if (b.length > 0 && random.nextBoolean()) {
            b[0] = (byte) (0x80 | b[0] & 0x3F); // version 2, so parsing goes further
        }
        return b;
    }

    private static byte[] mutate(byte[] packet, Random random) {
        byte[] b = packet;
        switch (random.nextInt(5)) {
            case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1));
            case 2 -> {
                b = Arrays.copyOf(b, b.length + 1 + random.nextInt(40));
                random.nextBytes(b);
                System.arraycopy(packet, 0, b, 0, packet.length);
            }
            case 3 -> b[0] = (byte) random.nextInt(256); // V, P, X and CSRC count / RTCP count
            default -> {
                int at = Math.min(b.length - 1, 12 + random.nextInt(8));
                b[at] = (byte) random.nextInt(256); // lengths, profile ids, the start of the payload
            }
        }
        return b;
    }
}
