package dev.switchboard.webrtc.srtp;

import static dev.switchboard.webrtc.srtp.SrtpFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tests replay protection (RFC 3711 §3.3.2) and ROC estimation (§3.3.1, Appendix A) through
 * {@link SrtpSession} and on their own; single-threaded.
 */
class SrtpReplayTest {

    private static final int SSRC = 0x0BAD_CAFE;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aReplayedRtpPacketIsRefused(SrtpProfile profile) {
        Random random = new Random(10);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession receiver = SrtpSession.create(keys, false);
        byte[] srtp = run(SrtpSession.create(keys, true)::protectRtp, SrtpFixtures.rtp(5, SSRC, 0, 0, 30, false, random)).bytes();

        assertThat(run(receiver::unprotectRtp, srtp).result()).isPositive();
        assertThat(run(receiver::unprotectRtp, srtp).result()).isEqualTo(SrtpResult.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void reorderedPacketsInsideTheWindowAreAcceptedOnceAndOlderOnesRefused(SrtpProfile profile) {
        Random random = new Random(11);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession sender = SrtpSession.create(keys, true);
        SrtpSession receiver = SrtpSession.create(keys, false);
        byte[][] sealed = new byte[101][];
        for (int seq = 1; seq <= 100; seq++) {
            sealed[seq] = run(sender::protectRtp, SrtpFixtures.rtp(seq, SSRC, 0, 0, 40, false, random)).bytes();
        }

        assertThat(run(receiver::unprotectRtp, sealed[100]).result()).isPositive();
        // Window of 64: indices 37..100 are inside, 36 is the first one out.
        for (int seq = 99; seq >= 37; seq--) {
            assertThat(run(receiver::unprotectRtp, sealed[seq]).result()).as("seq %d", seq).isPositive();
        }
        assertThat(run(receiver::unprotectRtp, sealed[50]).result()).isEqualTo(SrtpResult.REPLAYED);
        assertThat(run(receiver::unprotectRtp, sealed[36]).result()).isEqualTo(SrtpResult.REPLAYED);
        assertThat(run(receiver::unprotectRtp, sealed[1]).result()).isEqualTo(SrtpResult.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtcpReplaysAndStalePacketsAreRefused(SrtpProfile profile) {
        Random random = new Random(12);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession sender = SrtpSession.create(keys, true);
        SrtpSession receiver = SrtpSession.create(keys, false);
        byte[][] sealed = new byte[70][];
        for (int i = 0; i < sealed.length; i++) {
            sealed[i] = run(sender::protectRtcp, SrtpFixtures.rtcp(SSRC, 16, random)).bytes();
        }

        assertThat(run(receiver::unprotectRtcp, sealed[69]).result()).isPositive();
        assertThat(run(receiver::unprotectRtcp, sealed[10]).result()).isPositive();
        assertThat(run(receiver::unprotectRtcp, sealed[10]).result()).isEqualTo(SrtpResult.REPLAYED);
        assertThat(run(receiver::unprotectRtcp, sealed[5]).result()).isEqualTo(SrtpResult.REPLAYED);
        assertThat(run(receiver::unprotectRtcp, sealed[69]).result()).isEqualTo(SrtpResult.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void theSenderRefusesToProtectAnIndexTwice(SrtpProfile profile) {
        Random random = new Random(13);
        SrtpSession sender = SrtpSession.create(SrtpFixtures.keys(profile, random), true);
        byte[] rtp = SrtpFixtures.rtp(77, SSRC, 0, 0, 10, false, random);

        assertThat(run(sender::protectRtp, rtp).result()).isPositive();
        assertThat(run(sender::protectRtp, rtp).result()).isEqualTo(SrtpResult.REPLAYED);
        assertThat(run(sender::protectRtp, SrtpFixtures.rtp(76, SSRC, 0, 0, 10, false, random)).result()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void seventyThousandPacketsAcrossTheSequenceWrapAllUnprotect(SrtpProfile profile) {
        Random random = new Random(14);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession sender = SrtpSession.create(keys, true);
        SrtpSession receiver = SrtpSession.create(keys, false);
        int start = 60_000;
        byte[] afterWrap = null;

        for (int i = 0; i < 70_000; i++) {
            int seq = (start + i) & 0xFFFF;
            byte[] rtp = SrtpFixtures.rtp(seq, SSRC, 0, 0, 20, false, random);
            byte[] srtp = run(sender::protectRtp, rtp).bytes();
            assertThat(srtp).as("protect #%d", i).isNotNull();
            assertThat(run(receiver::unprotectRtp, srtp).bytes()).as("packet #%d, seq %d", i, seq).isEqualTo(rtp);
            if (seq == 100 && i > 0) {
                afterWrap = srtp;
            }
        }
        // That packet was sealed under ROC 1: a receiver that assumes ROC 0 must fail to verify it.
        assertThat(afterWrap).isNotNull();
        assertThat(run(SrtpSession.create(keys, false)::unprotectRtp, afterWrap).result())
                .isEqualTo(SrtpResult.AUTH_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void reorderingAcrossTheWrapKeepsTheRightRoc(SrtpProfile profile) {
        Random random = new Random(15);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession sender = SrtpSession.create(keys, true);
        SrtpSession receiver = SrtpSession.create(keys, false);
        int[] sent = {65_530, 65_531, 65_532, 65_533, 65_534, 65_535, 0, 1, 2, 3};
        byte[][] rtp = new byte[sent.length][];
        byte[][] srtp = new byte[sent.length][];
        for (int i = 0; i < sent.length; i++) {
            rtp[i] = SrtpFixtures.rtp(sent[i], SSRC, 0, 0, 16, false, random);
            srtp[i] = run(sender::protectRtp, rtp[i]).bytes();
        }

        for (int i : new int[] {0, 1, 7, 2, 9, 3, 6, 4, 8, 5}) {
            assertThat(run(receiver::unprotectRtp, srtp[i]).bytes()).as("seq %d", sent[i]).isEqualTo(rtp[i]);
        }
    }

    @ParameterizedTest(name = "highest {0}, seq {1} -> {2}")
    @CsvSource({
        "-1, 500, 500", // first packet: ROC 0
        "100, 101, 101",
        "100, 65000, -1", // would be before ROC 0
        "65535, 0, 65536", // wrap forward
        "65536, 65535, 65535", // just before the wrap
        "131072, 65535, 131071",
        "70000, 4464, 70000", // same packet: 70000 = 65536 + 4464
        "40000, 7231, 72767", // s_l - 32768 > seq: next ROC
        "40000, 7232, 7232", // not greater: same ROC
        "10000, 42768, 42768", // seq - s_l == 32768: Appendix A keeps the ROC
        "75536, 42769, 42769", // seq - s_l > 32768: previous ROC
    })
    void rocEstimateFollowsAppendixA(long highest, int seq, long expected) {
        ReplayWindow window = new ReplayWindow();
        if (highest >= 0) {
            window.accept(highest);
        }
        assertThat(RtpIndex.estimate(window, seq)).isEqualTo(expected);
    }

    @Test
    void windowTracksExactlySixtyFourIndices() {
        ReplayWindow window = new ReplayWindow();
        assertThat(window.isEmpty()).isTrue();
        window.accept(1000);
        window.accept(990);

        assertThat(window.highest()).isEqualTo(1000);
        assertThat(window.isFresh(990)).isFalse();
        assertThat(window.isFresh(991)).isTrue();
        assertThat(window.isFresh(937)).isTrue();
        assertThat(window.isFresh(936)).isFalse();
        assertThat(window.isFresh(1001)).isTrue();

        window.accept(1064); // shifts 990 and 1000 along
        assertThat(window.isFresh(1000)).isFalse();
        assertThat(window.isFresh(1001)).isTrue();
        assertThat(window.isFresh(990)).isFalse();
        window.accept(5000); // a jump beyond the window forgets everything below it
        assertThat(window.isFresh(4999)).isTrue();
        assertThat(window.isFresh(1064)).isFalse();
    }
}
