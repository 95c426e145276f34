package dev.switchboard.webrtc.rtcp;

import static dev.switchboard.webrtc.rtcp.RtcpVectorsTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests that {@link RtcpParser} rejects malformed RFC 3550 §6.4 / RFC 4585 §6 input with {@link RtcpParseException}; single-threaded. */
class RtcpParserTest {

    private static void assertRejected(String bytes, String messagePart) {
        byte[] b = hex(bytes);
        assertThatThrownBy(() -> RtcpParser.parseCompound(b, 0, b.length)).as(bytes)
                .isInstanceOf(RtcpParseException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void rejectsBrokenFraming() {
        assertRejected("", "empty");
        assertRejected("40 C9 0001 11223344", "version");
        assertRejected("C0 C9 0001 11223344", "version");
        assertRejected("80 C9 0002 11223344", "length field");
        assertRejected("80 C9 0001 11223344 8000", "trailing");
        assertRejected("80 C9", "trailing");
        assertRejected("A0 C9 0001 11223300", "padding");
        assertRejected("A0 C9 0001 11223309", "padding");
    }

    @Test
    void capsTheNumberOfPackets() {
        String rr = "80 C9 0001 11223344 ";
        byte[] ok = hex(rr.repeat(RtcpScanner.MAX_PACKETS));
        assertThat(RtcpParser.parseCompound(ok, 0, ok.length)).hasSize(RtcpScanner.MAX_PACKETS);
        assertRejected(rr.repeat(RtcpScanner.MAX_PACKETS + 1), "more than 32 packets");
    }

    @Test
    void rejectsCountsThatOverflowThePacket() {
        assertRejected("82 C8 000C 11223344 E5A12345 6789ABCD 0001E240 00000064 00002710"
                + " 55667788 40 FFFFFE 00010005 00000021 23456789 00018000", "SR report count 2");
        assertRejected("81 C9 0001 11223344", "RR report count 1");
        assertRejected("82 CA 0003 11223344 0103616263 000000", "SDES source count 2");
        assertRejected("82 CB 0001 11223344", "BYE source count 2");
        assertRejected("8F CE 0004 11223344 00000000 52454D42 02 0BD090", "REMB SSRC count 2");
    }

    @Test
    void rejectsBrokenSdesAndByeText() {
        assertRejected("81 CA 0002 11223344 01096162", "SDES item runs past");
        assertRejected("81 CA 0002 11223344 01026162", "no terminating null");
        assertRejected("81 CA 0003 11223344 0102C328 00000000", "UTF-8");
        assertRejected("81 CB 0002 11223344 05616263", "BYE reason runs past");
        assertRejected("81 CB 0002 11223344 03FFFEFD", "UTF-8");
    }

    @Test
    void rejectsFeedbackWithoutItsFields() {
        assertRejected("81 CD 0002 11223344 55667788", "NACK without an FCI");
        assertRejected("84 CE 0002 11223344 00000000", "FIR without an FCI");
        assertRejected("84 CE 0003 11223344 00000000 55667788", "FIR without an FCI");
        assertRejected("81 CE 0001 11223344", "PLI shorter");
        assertRejected("8F CE 0003 11223344 00000000 52454D42", "REMB shorter");
    }

    @Test
    void rejectsARembBitrateBeyond63Bits() {
        // Exponent 63, mantissa 1, and exponent 46 with a full mantissa, both reach bit 63.
        assertRejected("8F CE 0004 11223344 00000000 52454D42 00 FC0001", "63 bits");
        assertRejected("8F CE 0004 11223344 00000000 52454D42 00 BBFFFF", "63 bits");
        // Exponent 45 with a full mantissa is 2^63 - 2^45, the largest that fits.
        byte[] b = hex("8F CE 0004 11223344 00000000 52454D42 00 B7FFFF");
        Remb remb = (Remb) RtcpParser.parseCompound(b, 0, b.length).getFirst();
        assertThat(remb.bitrateBps()).isEqualTo(0x3FFFFL << 45);
    }

    @Test
    void reportsWhereInTheCompoundTheProblemIs() {
        byte[] b = hex("80 C9 0001 11223344 81 C9 0001 55667788");
        assertThatThrownBy(() -> RtcpParser.parseCompound(b, 0, b.length))
                .isInstanceOfSatisfying(RtcpParseException.class, e -> assertThat(e.offset()).isEqualTo(12));
        byte[] c = hex("80 C9 0001 11223344 40 C9 0001 55667788");
        assertThatThrownBy(() -> RtcpParser.parseCompound(c, 0, c.length))
                .isInstanceOfSatisfying(RtcpParseException.class, e -> assertThat(e.offset()).isEqualTo(8));
    }

    @Test
    void aRangeOutsideTheBufferIsACallerBug() {
        assertThatThrownBy(() -> RtcpParser.parseCompound(new byte[8], 4, 8)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
