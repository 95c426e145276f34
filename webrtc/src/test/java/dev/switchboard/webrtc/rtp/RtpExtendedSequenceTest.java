package dev.switchboard.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests {@link ExtendedSequence} against the rules of RFC 3550 Appendix A.1 and A.3; single-threaded. */
class RtpExtendedSequenceTest {

    @Test
    void aNewSourceIsOnProbationUntilTwoPacketsArriveInOrder() {
        ExtendedSequence s = new ExtendedSequence();
        assertThat(s.update(1000)).isFalse();
        assertThat(s.isValid()).isFalse();
        assertThat(s.expected()).isZero();
        assertThat(s.update(1001)).isTrue();
        assertThat(s.isValid()).isTrue();
        // A.1 counts from the packet that ended probation.
        assertThat(s.baseSeq()).isEqualTo(1001);
        assertThat(s.received()).isEqualTo(1);
        assertThat(s.expected()).isEqualTo(1);
    }

    @Test
    void probationRestartsOnAnOutOfOrderPacket() {
        ExtendedSequence s = new ExtendedSequence();
        assertThat(s.update(10)).isFalse();
        assertThat(s.update(50)).isFalse();
        assertThat(s.update(51)).isTrue();
        assertThat(s.baseSeq()).isEqualTo(51);
    }

    @Test
    void probationCompletesAcrossTheWrap() {
        // A.1's C compares seq with max_seq + 1 without wrapping; this class does not repeat that.
        ExtendedSequence s = new ExtendedSequence();
        s.update(65535);
        assertThat(s.update(0)).isTrue();
    }

    @Test
    void minSequentialOfOneAcceptsTheFirstPacket() {
        ExtendedSequence s = new ExtendedSequence(1);
        assertThat(s.update(7)).isTrue();
        assertThat(s.received()).isEqualTo(1);
        assertThat(s.extendedMax()).isEqualTo(7);
        assertThatThrownBy(() -> new ExtendedSequence(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsCyclesWhenTheSequenceWraps() {
        ExtendedSequence s = new ExtendedSequence(1);
        for (int seq = 65530; seq < 65536 + 5; seq++) {
            assertThat(s.update(seq & 0xFFFF)).isTrue();
        }
        assertThat(s.extendedMax()).isEqualTo(65536 + 4);
        assertThat(s.expected()).isEqualTo(11);
        assertThat(s.received()).isEqualTo(11);
        assertThat(s.cumulativeLost()).isZero();
    }

    @Test
    void gapsCountAsLossAndDuplicatesMakeLossNegative() {
        ExtendedSequence s = new ExtendedSequence(1);
        for (int seq : new int[] {1, 2, 4, 5, 8}) {
            s.update(seq);
        }
        assertThat(s.expected()).isEqualTo(8);
        assertThat(s.cumulativeLost()).isEqualTo(3);
        s.update(8);
        s.update(8);
        s.update(8);
        s.update(8);
        assertThat(s.cumulativeLost()).isEqualTo(-1);
    }

    @Test
    void reorderedPacketsCountWithoutMovingTheMaximum() {
        ExtendedSequence s = new ExtendedSequence(1);
        s.update(100);
        s.update(103);
        assertThat(s.update(101)).isTrue();
        assertThat(s.extendedMax()).isEqualTo(103);
        assertThat(s.cumulativeLost()).isEqualTo(1);
    }

    @Test
    void aBigJumpIsIgnoredOnceAndTakenAsARestartWhenConfirmed() {
        ExtendedSequence s = new ExtendedSequence(1);
        s.update(100);
        s.update(101);
        int generation = s.generation();
        assertThat(s.update(20_000)).isFalse();
        assertThat(s.extendedMax()).isEqualTo(101);
        assertThat(s.update(20_001)).isTrue();
        assertThat(s.generation()).isEqualTo(generation + 1);
        assertThat(s.baseSeq()).isEqualTo(20_001);
        assertThat(s.received()).isEqualTo(1);
        assertThat(s.cumulativeLost()).isZero();
    }

    @Test
    void aBigJumpThatIsNotConfirmedLeavesTheSourceAlone() {
        ExtendedSequence s = new ExtendedSequence(1);
        s.update(100);
        assertThat(s.update(20_000)).isFalse();
        assertThat(s.update(101)).isTrue();
        assertThat(s.update(40_000)).isFalse();
        assertThat(s.update(102)).isTrue();
        assertThat(s.baseSeq()).isEqualTo(100);
    }

    @Test
    void extendsANackedNumberRelativeToTheMaximum() {
        ExtendedSequence s = new ExtendedSequence(1);
        for (int seq = 65530; seq < 65536 + 3; seq++) {
            s.update(seq & 0xFFFF);
        }
        assertThat(s.extend(65534)).isEqualTo(65534);
        assertThat(s.extend(1)).isEqualTo(65537);
        assertThat(s.extend(10)).isEqualTo(65546);
    }
}
