package dev.switchboard.webrtc.rtp;

import static dev.switchboard.webrtc.rtp.RtpHeaderTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Tests {@link RtpWriter}'s RFC 3550 §5.1 and RFC 8285 §4.2/§4.3 output byte for byte; single-threaded. */
class RtpWriterTest {

    @Test
    void writesTheExactBytesOfAHeaderWithOneByteExtensions() {
        RtpWriter writer = new RtpWriter().payloadType(96).marker(true).sequenceNumber(0xFFFF + 2)
                .timestamp(0x1_0000_0005L).ssrc(0x11223344L).csrcs(0xAABBCCDDL)
                .extension(1, new byte[] {0x11}).extension(3, new byte[] {0x33, 0x34, 0x35});
        byte[] buf = new byte[64];
        int len = writer.write(buf, 0, new byte[] {(byte) 0xEE}, 0, 1);
        // Elements take 2 + 4 bytes, padded to 8 (2 words); seq and ts keep their low bits.
        assertThat(Arrays.copyOf(buf, len))
                .isEqualTo(hex("91 E0 0001 00000005 11223344 AABBCCDD BEDE 0002 1011 32333435 0000 EE"));
    }

    @Test
    void switchesToTheTwoByteFormWhenAnIdOrLengthDoesNotFitOneByte() {
        byte[] buf = new byte[64];
        int len = new RtpWriter().extension(20, new byte[] {1}).writeHeader(buf, 0);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(hex("90 00 0000 00000000 00000000 1000 0001 1401 0100"));
        len = new RtpWriter().extension(2, new byte[0]).writeHeader(buf, 0);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(hex("90 00 0000 00000000 00000000 1000 0001 0200 0000"));
        len = new RtpWriter().extension(2, new byte[17]).writeHeader(buf, 0);
        assertThat(len).isEqualTo(12 + 4 + 20);
        assertThat(buf[16]).isEqualTo((byte) 2);
        assertThat(buf[17]).isEqualTo((byte) 17);
    }

    @Test
    void writesPaddingWithItsCountLast() {
        byte[] buf = new byte[64];
        int len = new RtpWriter().padding(3).write(buf, 0, new byte[] {7}, 0, 1);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(hex("A0 00 0000 00000000 00000000 07 0000 03"));
    }

    @Test
    void rejectsBadArgumentsAndShortBuffers() {
        RtpWriter writer = new RtpWriter();
        assertThatThrownBy(() -> writer.payloadType(128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.csrcs(new long[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.padding(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.extension(0, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.extension(1, new byte[256])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeHeader(new byte[11], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> writer.write(new byte[20], 0, new byte[9], 0, 9))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
