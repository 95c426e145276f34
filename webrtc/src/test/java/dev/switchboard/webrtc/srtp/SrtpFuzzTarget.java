package dev.switchboard.webrtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided (Jazzer) fuzz target for SRTP/SRTCP unprotect of hostile datagrams: the result is
 * a length no larger than the input or one of the {@link SrtpResult} codes, never an exception;
 * single-threaded. The first input byte picks the profile (bit 1) and RTP or RTCP (bit 0); the
 * receivers keep their replay and SSRC state across inputs, as a long-lived session would.
 */
class SrtpFuzzTarget {

    private static final long KEY_SEED = 0x5A7F_0022L;
    private static final SrtpProfile[] PROFILES = SrtpProfile.values();
    private static final SrtpSession[] RECEIVERS = new SrtpSession[PROFILES.length];

    static {
        for (int p = 0; p < PROFILES.length; p++) {
            RECEIVERS[p] = SrtpSession.create(SrtpFixtures.keys(PROFILES[p], new Random(KEY_SEED + p)), false);
        }
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "15s")
    void unprotect(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int selector = input[0] & 0xFF;
        SrtpSession receiver = RECEIVERS[(selector >>> 1) % PROFILES.length];
        byte[] packet = Arrays.copyOfRange(input, 1, input.length);
        SrtpFixtures.Outcome outcome = SrtpFixtures.run((selector & 1) == 1 ? receiver::unprotectRtcp
                : receiver::unprotectRtp, packet);
        int result = outcome.result();
        assertThat(result).isLessThanOrEqualTo(packet.length);
        if (result < 0) {
            assertThat(SrtpResult.describe(result)).as("a documented code").isNotEqualTo(Integer.toString(result));
        }
    }

    /** Valid packets from the matching senders, so mutations start past the authentication check. */
    static Stream<Arguments> seeds() {
        List<Arguments> seeds = new ArrayList<>();
        Random random = new Random(KEY_SEED);
        for (int p = 0; p < PROFILES.length; p++) {
            SrtpSession sender = SrtpSession.create(SrtpFixtures.keys(PROFILES[p], new Random(KEY_SEED + p)), true);
            for (int i = 0; i < 4; i++) {
                byte[] rtp = SrtpFixtures.run(sender::protectRtp,
                        SrtpFixtures.rtp(i, 0x0101_0101, i % 3, i % 2, 20 * i, i == 3, random)).bytes();
                byte[] rtcp = SrtpFixtures.run(sender::protectRtcp, SrtpFixtures.rtcp(0x0101_0101, 8 * i, random)).bytes();
                seeds.add(Arguments.of((Object) prefixed(2 * p, rtp)));
                seeds.add(Arguments.of((Object) prefixed(2 * p + 1, rtcp)));
            }
        }
        return seeds.stream();
    }

    private static byte[] prefixed(int selector, byte[] packet) {
        byte[] out = new byte[packet.length + 1];
        out[0] = (byte) selector;
        System.arraycopy(packet, 0, out, 1, packet.length);
        return out;
    }
}
