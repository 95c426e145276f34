package dev.switchboard.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests {@link SequenceNumbers}' RFC 1982-style 16-bit wraparound arithmetic; single-threaded. */
class RtpSequenceNumbersTest {

    @Test
    void comparesAcrossTheWrap() {
        assertThat(SequenceNumbers.isNewer(2, 1)).isTrue();
        assertThat(SequenceNumbers.isNewer(1, 2)).isFalse();
        assertThat(SequenceNumbers.isNewer(1, 1)).isFalse();
        assertThat(SequenceNumbers.isNewer(0, 65535)).isTrue();
        assertThat(SequenceNumbers.isNewer(65535, 0)).isFalse();
        assertThat(SequenceNumbers.isNewer(100, 65000)).isTrue();
        assertThat(SequenceNumbers.isNewer(32767, 0)).isTrue();
        assertThat(SequenceNumbers.isNewer(32769, 0)).isFalse();
    }

    @Test
    void exactlyHalfWayIsDecidedOneWayOnly() {
        for (int a = 0; a < 65536; a += 97) {
            int b = (a + 0x8000) & 0xFFFF;
            assertThat(SequenceNumbers.isNewer(a, b)).isNotEqualTo(SequenceNumbers.isNewer(b, a));
        }
    }

    @Test
    void isNewerIsAntisymmetricEverywhere() {
        for (int d = 1; d < 65536; d += 13) {
            assertThat(SequenceNumbers.isNewer(d, 0)).isNotEqualTo(SequenceNumbers.isNewer(0, d));
        }
    }

    @Test
    void deltaAndAddWrap() {
        assertThat(SequenceNumbers.delta(0, 65535)).isEqualTo(1);
        assertThat(SequenceNumbers.delta(65535, 0)).isEqualTo(-1);
        assertThat(SequenceNumbers.delta(10, 10)).isZero();
        assertThat(SequenceNumbers.add(65535, 2)).isEqualTo(1);
        assertThat(SequenceNumbers.add(0, -1)).isEqualTo(65535);
    }
}
