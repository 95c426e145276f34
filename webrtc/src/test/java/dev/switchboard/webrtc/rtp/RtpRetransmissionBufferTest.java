package dev.switchboard.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Tests {@link RetransmissionBuffer}, the RFC 4585 §6.2.1 NACK source, on wrap, overwrite and bounds; single-threaded. */
class RtpRetransmissionBufferTest {

    private static byte[] packet(int seq, int length) {
        byte[] p = new byte[length];
        Arrays.fill(p, (byte) seq);
        p[0] = (byte) (seq >>> 8);
        return p;
    }

    private static byte[] copyOut(RetransmissionBuffer buffer, int seq) {
        byte[] dst = new byte[1600];
        int len = buffer.copyOut(seq, dst, 0);
        return len < 0 ? null : Arrays.copyOf(dst, len);
    }

    @Test
    void returnsWhatWasStoredAndMinusOneForTheRest() {
        RetransmissionBuffer buffer = new RetransmissionBuffer();
        byte[] source = new byte[100];
        byte[] p = packet(7, 80);
        System.arraycopy(p, 0, source, 10, 80);
        assertThat(buffer.store(7, source, 10, 80)).isTrue();
        assertThat(copyOut(buffer, 7)).isEqualTo(p);
        assertThat(buffer.copyOut(8, new byte[100], 0)).isEqualTo(-1);
        assertThat(buffer.copyOut(6, new byte[100], 0)).isEqualTo(-1);
        assertThat(buffer.contains(7)).isTrue();

        byte[] dst = new byte[200];
        assertThat(buffer.copyOut(7, dst, 50)).isEqualTo(80);
        assertThat(Arrays.copyOfRange(dst, 50, 130)).isEqualTo(p);
    }

    @Test
    void worksAcrossTheSequenceWrap() {
        RetransmissionBuffer buffer = new RetransmissionBuffer(16, 100);
        for (int i = 65530; i < 65536 + 6; i++) {
            int seq = i & 0xFFFF;
            buffer.store(seq, packet(seq, 20 + i % 7), 0, 20 + i % 7);
        }
        for (int i = 65530; i < 65536 + 6; i++) {
            int seq = i & 0xFFFF;
            assertThat(copyOut(buffer, seq)).as("seq %d", seq).isEqualTo(packet(seq, 20 + i % 7));
        }
    }

    @Test
    void newerPacketsOverwriteTheSlotsOfOlderOnes() {
        RetransmissionBuffer buffer = new RetransmissionBuffer(16, 100);
        for (int seq = 0; seq < 32; seq++) {
            buffer.store(seq, packet(seq, 30), 0, 30);
        }
        for (int seq = 0; seq < 16; seq++) {
            assertThat(buffer.contains(seq)).as("seq %d", seq).isFalse();
        }
        for (int seq = 16; seq < 32; seq++) {
            assertThat(copyOut(buffer, seq)).isEqualTo(packet(seq, 30));
        }
    }

    @Test
    void aLatePacketFillsItsSlotWithoutDisturbingNewerOnes() {
        RetransmissionBuffer buffer = new RetransmissionBuffer(16, 100);
        buffer.store(100, packet(100, 20), 0, 20);
        buffer.store(105, packet(105, 20), 0, 20);
        buffer.store(103, packet(103, 20), 0, 20);
        assertThat(buffer.contains(103)).isTrue();
        assertThat(buffer.contains(105)).isTrue();
        assertThat(buffer.contains(104)).isFalse();
    }

    @Test
    void neverReturnsAPacketFromAnEarlierWrap() {
        RetransmissionBuffer buffer = new RetransmissionBuffer(16, 100);
        buffer.store(10, packet(10, 20), 0, 20);
        // Big forward jumps that never land in slot 10, then seq 10 again one wrap later.
        buffer.store(30_000, packet(1, 20), 0, 20);
        buffer.store(60_000, packet(2, 20), 0, 20);
        assertThat(buffer.contains(10)).isFalse();
        assertThat(buffer.contains(60_000)).isTrue();
    }

    @Test
    void aPacketFarBehindTheNewestRestartsTheBuffer() {
        RetransmissionBuffer buffer = new RetransmissionBuffer(16, 100);
        for (int seq = 1000; seq < 1016; seq++) {
            buffer.store(seq, packet(seq, 20), 0, 20);
        }
        buffer.store(500, packet(500, 20), 0, 20);
        assertThat(buffer.contains(500)).isTrue();
        assertThat(buffer.contains(1015)).isFalse();
        buffer.store(501, packet(501, 20), 0, 20);
        assertThat(buffer.contains(501)).isTrue();
    }

    @Test
    void packetsLargerThanTheSlotsAreNotStored() {
        RetransmissionBuffer buffer = new RetransmissionBuffer(16, 100);
        assertThat(buffer.store(1, new byte[101], 0, 101)).isFalse();
        assertThat(buffer.contains(1)).isFalse();
        assertThat(buffer.store(1, new byte[100], 0, 100)).isTrue();
    }

    @Test
    void clearForgetsEverything() {
        RetransmissionBuffer buffer = new RetransmissionBuffer();
        buffer.store(1, new byte[20], 0, 20);
        buffer.clear();
        assertThat(buffer.contains(1)).isFalse();
        assertThat(buffer.store(1, new byte[20], 0, 20)).isTrue();
        assertThat(buffer.contains(1)).isTrue();
    }

    @Test
    void rejectsBadConfigurationAndBadRanges() {
        assertThatThrownBy(() -> new RetransmissionBuffer(100, 1500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetransmissionBuffer(8, 1500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetransmissionBuffer(65536, 1500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetransmissionBuffer(16, 70_000)).isInstanceOf(IllegalArgumentException.class);
        RetransmissionBuffer buffer = new RetransmissionBuffer(16, 100);
        assertThatThrownBy(() -> buffer.store(1, new byte[10], 5, 10)).isInstanceOf(IndexOutOfBoundsException.class);
        buffer.store(1, new byte[50], 0, 50);
        assertThatThrownBy(() -> buffer.copyOut(1, new byte[49], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(buffer.capacity()).isEqualTo(16);
        assertThat(buffer.maxPacketSize()).isEqualTo(100);
    }
}
