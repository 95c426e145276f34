package dev.switchboard.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.webrtc.rtcp.ReportBlock;
import org.junit.jupiter.api.Test;

/** Tests {@link RtpStreamStats} against hand-computed RFC 3550 A.3, A.8 and §6.4.1 values; single-threaded. */
class RtpStreamStatsTest {

    private static final long SSRC = 0x1234_5678L;

    @Test
    void jitterMatchesAHandComputedExample() {
        // 8 kHz audio, 20 ms packets. Transit = arrival - timestamp: 1000, 1020, 990, 1020, 1000,
        // so |D| = 20, 30, 30, 20. A.8 in reals: J = 1.25, 3.047, 4.731, 5.686. The integer form
        // (J scaled by 16; J += |D| - ((J + 8) >> 4)) gives 20, 49, 76, 91, and 91 / 16 = 5.69,
        // reported as 5.
        long[] timestamps = {0, 160, 320, 480, 640};
        long[] arrivals = {1000, 1180, 1310, 1500, 1640};
        RtpStreamStats stats = new RtpStreamStats(SSRC, 1);
        double reference = 0;
        for (int i = 0; i < timestamps.length; i++) {
            stats.onPacket(i, timestamps[i], arrivals[i]);
            if (i > 0) {
                double d = Math.abs((arrivals[i] - timestamps[i]) - (arrivals[i - 1] - timestamps[i - 1]));
                reference += (d - reference) / 16;
            }
        }
        assertThat(reference).isBetween(5.68, 5.69);
        assertThat(stats.jitter()).isEqualTo(5);
        assertThat(stats.reportBlock(0).jitter()).isEqualTo(5);
    }

    @Test
    void jitterIgnoresTheTimestampWrap() {
        long[] timestamps = {0, 160, 320, 480, 640};
        long[] arrivals = {1000, 1180, 1310, 1500, 1640};
        RtpStreamStats stats = new RtpStreamStats(SSRC, 1);
        for (int i = 0; i < timestamps.length; i++) {
            // Start just below 2^32 so the timestamps wrap mid-stream.
            long ts = (timestamps[i] + 0xFFFF_FF00L) & 0xFFFF_FFFFL;
            stats.onPacket(i, ts, arrivals[i] + 5_000_000_000L);
        }
        assertThat(stats.jitter()).isEqualTo(5);
    }

    @Test
    void steadyArrivalHasNoJitter() {
        RtpStreamStats stats = new RtpStreamStats(SSRC, 1);
        for (int i = 0; i < 100; i++) {
            stats.onPacket(i, 3000L * i, 123_456 + 3000L * i);
        }
        assertThat(stats.jitter()).isZero();
    }

    @Test
    void fractionLostCoversTheIntervalSinceTheLastReport() {
        RtpStreamStats stats = new RtpStreamStats(SSRC, 1);
        for (int seq = 0; seq < 10; seq++) {
            if (seq != 3 && seq != 4) {
                stats.onPacket(seq, seq * 160L, seq * 160L);
            }
        }
        ReportBlock first = stats.reportBlock(0);
        assertThat(first.ssrc()).isEqualTo(SSRC);
        // 2 of 10 lost: 2 * 256 / 10 = 51.
        assertThat(first.fractionLost()).isEqualTo(51);
        assertThat(first.cumulativeLost()).isEqualTo(2);
        assertThat(first.highestSeq()).isEqualTo(9);

        for (int seq = 10; seq < 20; seq++) {
            stats.onPacket(seq, seq * 160L, seq * 160L);
        }
        ReportBlock second = stats.reportBlock(0);
        assertThat(second.fractionLost()).isZero();
        assertThat(second.cumulativeLost()).isEqualTo(2);
        assertThat(second.highestSeq()).isEqualTo(19);

        // Nothing expected, nothing lost.
        assertThat(stats.reportBlock(0).fractionLost()).isZero();

        stats.onPacket(40, 40 * 160L, 40 * 160L);
        ReportBlock burst = stats.reportBlock(0);
        // 21 expected (20..40), 1 received: 20 * 256 / 21 = 243.
        assertThat(burst.fractionLost()).isEqualTo(243);
        assertThat(burst.cumulativeLost()).isEqualTo(22);
    }

    @Test
    void duplicatesGiveNoNegativeFraction() {
        RtpStreamStats stats = new RtpStreamStats(SSRC, 1);
        for (int i = 0; i < 5; i++) {
            stats.onPacket(1, 0, 0);
        }
        ReportBlock block = stats.reportBlock(0);
        assertThat(block.fractionLost()).isZero();
        assertThat(block.cumulativeLost()).isEqualTo(-4);
    }

    @Test
    void highestSequenceCarriesTheCycleCount() {
        RtpStreamStats stats = new RtpStreamStats(SSRC, 1);
        stats.onPacket(65535, 0, 0);
        stats.onPacket(0, 0, 0);
        stats.onPacket(1, 0, 0);
        assertThat(stats.reportBlock(0).highestSeq()).isEqualTo(0x1_0001L);
    }

    @Test
    void aRestartedSequenceStartsAFreshInterval() {
        RtpStreamStats stats = new RtpStreamStats(SSRC, 1);
        for (int seq = 0; seq < 50; seq += 2) {
            stats.onPacket(seq, 0, 0);
        }
        assertThat(stats.reportBlock(0).cumulativeLost()).isEqualTo(24);
        stats.onPacket(30_000, 0, 0);
        stats.onPacket(30_001, 0, 0);
        stats.onPacket(30_002, 0, 0);
        ReportBlock block = stats.reportBlock(0);
        assertThat(block.cumulativeLost()).isZero();
        assertThat(block.fractionLost()).isZero();
        assertThat(block.highestSeq()).isEqualTo(30_002);
    }

    @Test
    void lastSrIsTheMiddleOfTheNtpTimestampAndDlsrCountsSixtyFourKthsOfASecond() {
        RtpStreamStats stats = new RtpStreamStats(SSRC, 1);
        stats.onPacket(1, 0, 0);
        ReportBlock none = stats.reportBlock(5_000_000_000L);
        assertThat(none.lastSr()).isZero();
        assertThat(none.delaySinceLastSr()).isZero();

        stats.onSenderReport(0xE5A1_2345_6789_ABCDL, 1_000_000_000L);
        ReportBlock block = stats.reportBlock(2_500_000_000L);
        assertThat(block.lastSr()).isEqualTo(0x2345_6789L);
        // 1.5 s * 65536 = 98304.
        assertThat(block.delaySinceLastSr()).isEqualTo(98_304);
        // A report computed before the SR's arrival time (clock confusion) does not go negative.
        assertThat(stats.reportBlock(0).delaySinceLastSr()).isZero();
        // A day later the 32-bit field would overflow; it saturates instead.
        assertThat(stats.reportBlock(1_000_000_000L + 86_400_000_000_000L).delaySinceLastSr()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void aSourceOnProbationReportsNothingYet() {
        RtpStreamStats stats = new RtpStreamStats(SSRC);
        stats.onPacket(10, 0, 0);
        ReportBlock block = stats.reportBlock(0);
        assertThat(block.cumulativeLost()).isZero();
        assertThat(block.fractionLost()).isZero();
        assertThat(stats.packetsReceived()).isZero();
        stats.onPacket(11, 0, 0);
        assertThat(stats.packetsReceived()).isEqualTo(1);
    }
}
