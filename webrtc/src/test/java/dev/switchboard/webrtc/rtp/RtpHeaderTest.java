package dev.switchboard.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests {@link RtpHeader} against hand-built RFC 3550 §5.1 and RFC 8285 §4 layouts; single-threaded. */
class RtpHeaderTest {

    private final RtpHeader header = new RtpHeader();

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void parsesTheFixedHeaderOfAHandBuiltPacket() {
        // V=2, no P/X, CC=0 | M=1, PT=111 | seq 0x1234 | ts 0xDEADBEEF | ssrc 0xCAFEBABE | 3 payload bytes
        byte[] p = hex("80 EF 1234 DEADBEEF CAFEBABE 010203");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        assertThat(header.version()).isEqualTo(2);
        assertThat(header.padding()).isFalse();
        assertThat(header.extension()).isFalse();
        assertThat(header.marker()).isTrue();
        assertThat(header.payloadType()).isEqualTo(111);
        assertThat(header.sequenceNumber()).isEqualTo(0x1234);
        assertThat(header.timestamp()).isEqualTo(0xDEADBEEFL);
        assertThat(header.ssrc()).isEqualTo(0xCAFEBABEL);
        assertThat(header.csrcCount()).isZero();
        assertThat(header.headerLength()).isEqualTo(12);
        assertThat(header.payloadOffset()).isEqualTo(12);
        assertThat(header.payloadLength()).isEqualTo(3);
        assertThat(header.paddingLength()).isZero();
        assertThat(header.extensionProfile()).isEqualTo(-1);
        assertThat(header.findExtension(1)).isEqualTo(-1);
        assertThat(header.error()).isNull();
    }

    @Test
    void offsetsAreIndicesIntoTheBufferWhenThePacketDoesNotStartAtZero() {
        byte[] p = hex("FFFFFFFF 81 60 0001 00000002 00000003 AABBCCDD 99 FF");
        assertThat(header.parse(p, 4, p.length - 5)).isTrue();
        assertThat(header.offset()).isEqualTo(4);
        assertThat(header.csrcCount()).isEqualTo(1);
        assertThat(header.csrc(0)).isEqualTo(0xAABBCCDDL);
        assertThat(header.payloadOffset()).isEqualTo(20);
        assertThat(header.payloadLength()).isEqualTo(1);
        assertThat(p[header.payloadOffset()]).isEqualTo((byte) 0x99);
        assertThatThrownBy(() -> header.csrc(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void paddingIsExcludedFromThePayload() {
        // P bit, 2 payload bytes, 4 padding bytes whose last one counts them.
        byte[] p = hex("A0 60 0001 00000002 00000003 AAAA 000000 04");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        assertThat(header.padding()).isTrue();
        assertThat(header.paddingLength()).isEqualTo(4);
        assertThat(header.payloadLength()).isEqualTo(2);
    }

    @Test
    void paddingOnlyPacketsAreValid() {
        byte[] p = hex("A0 60 0001 00000002 00000003 00000004");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        assertThat(header.payloadLength()).isZero();
    }

    @Test
    void findsOneByteExtensionsOfTheRfc8285Section42Example() {
        // The §4.2 figure: 0xBEDE, length 3 words; elements of 1, 2 and 4 data bytes with 2
        // padding bytes between the second and the third.
        byte[] p = hex("90 60 0001 00000002 00000003 BEDE 0003 10 11 21 2233 0000 33 44556677 CAFE");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        assertThat(header.extensionProfile()).isEqualTo(0xBEDE);
        assertThat(header.extensionOffset()).isEqualTo(16);
        assertThat(header.extensionLength()).isEqualTo(12);
        assertThat(header.headerLength()).isEqualTo(28);
        assertThat(header.payloadLength()).isEqualTo(2);

        assertThat(header.findExtension(1)).isEqualTo(17);
        assertThat(header.foundExtensionLength()).isEqualTo(1);
        assertThat(header.findExtension(2)).isEqualTo(19);
        assertThat(header.foundExtensionLength()).isEqualTo(2);
        int at = header.findExtension(3);
        assertThat(at).isEqualTo(24);
        assertThat(header.foundExtensionLength()).isEqualTo(4);
        assertThat(p[at]).isEqualTo((byte) 0x44);
        assertThat(header.findExtension(4)).isEqualTo(-1);
        assertThat(header.foundExtensionLength()).isEqualTo(-1);
        assertThat(header.findExtension(0)).isEqualTo(-1);
        assertThat(header.findExtension(15)).isEqualTo(-1);
        assertThat(header.findExtension(256)).isEqualTo(-1);
    }

    @Test
    void findsTwoByteExtensionsOfTheRfc8285Section43Example() {
        // The §4.3 figure with appbits 7: ids 10 (no data), 20 (1 byte), a padding byte, 30 (4 bytes).
        byte[] p = hex("90 60 0001 00000002 00000003 1007 0003 0A00 1401 99 00 1E04 01020304 EE");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        assertThat(header.extensionProfile()).isEqualTo(0x1007);
        assertThat(header.findExtension(10)).isEqualTo(18);
        assertThat(header.foundExtensionLength()).isZero();
        assertThat(header.findExtension(20)).isEqualTo(20);
        assertThat(header.foundExtensionLength()).isEqualTo(1);
        assertThat(header.findExtension(30)).isEqualTo(24);
        assertThat(header.foundExtensionLength()).isEqualTo(4);
        assertThat(header.findExtension(1)).isEqualTo(-1);
    }

    @Test
    void oneByteId15EndsTheElementList() {
        // id 5, then id 15 (RFC 8285 §4.2: stop here), then what would be id 6.
        byte[] p = hex("90 60 0001 00000002 00000003 BEDE 0001 50AB F0 61");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        assertThat(header.findExtension(5)).isEqualTo(17);
        assertThat(header.findExtension(6)).isEqualTo(-1);
    }

    @Test
    void elementsRunningPastTheBlockAreNotFound() {
        // id 1 claims 16 bytes in a 4-byte block; id 2 claims 1 byte at the last position.
        byte[] p = hex("90 60 0001 00000002 00000003 BEDE 0001 1F000000");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        assertThat(header.findExtension(1)).isEqualTo(-1);
        byte[] q = hex("90 60 0001 00000002 00000003 BEDE 0001 000000 20");
        assertThat(header.parse(q, 0, q.length)).isTrue();
        assertThat(header.findExtension(2)).isEqualTo(-1);
        byte[] r = hex("90 60 0001 00000002 00000003 1000 0001 000005 01");
        assertThat(header.parse(r, 0, r.length)).isTrue();
        assertThat(header.findExtension(5)).isEqualTo(-1);
    }

    @Test
    void otherExtensionProfilesAreSkippedButNotSearched() {
        byte[] p = hex("90 60 0001 00000002 00000003 ABCD 0001 10AA0000 77");
        assertThat(header.parse(p, 0, p.length)).isTrue();
        assertThat(header.extensionProfile()).isEqualTo(0xABCD);
        assertThat(header.findExtension(1)).isEqualTo(-1);
        assertThat(header.payloadLength()).isEqualTo(1);
    }

    @Test
    void rejectsEachKindOfMalformedPacket() {
        assertRejected("80 60 0001 00000002 000000", RtpParseError.TOO_SHORT);
        assertRejected("", RtpParseError.TOO_SHORT);
        assertRejected("40 60 0001 00000002 00000003", RtpParseError.BAD_VERSION);
        assertRejected("C0 60 0001 00000002 00000003", RtpParseError.BAD_VERSION);
        assertRejected("82 60 0001 00000002 00000003 00000004", RtpParseError.CSRC_OVERFLOW);
        assertRejected("90 60 0001 00000002 00000003 BEDE", RtpParseError.EXTENSION_OVERFLOW);
        assertRejected("90 60 0001 00000002 00000003 BEDE 0002 10AA0000", RtpParseError.EXTENSION_OVERFLOW);
        assertRejected("A0 60 0001 00000002 00000003 AA00", RtpParseError.BAD_PADDING);
        assertRejected("A0 60 0001 00000002 00000003 AA03", RtpParseError.BAD_PADDING);
        // Padding may not eat into the extension block either.
        assertRejected("B0 60 0001 00000002 00000003 BEDE 0001 10AA0000 05", RtpParseError.BAD_PADDING);
    }

    private void assertRejected(String packet, RtpParseError expected) {
        byte[] p = hex(packet);
        assertThat(header.parse(p, 0, p.length)).as(packet).isFalse();
        assertThat(header.error()).isEqualTo(expected);
        assertThat(header.isValid()).isFalse();
        assertThatThrownBy(header::ssrc).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> header.parseOrThrow(p, 0, p.length))
                .isInstanceOfSatisfying(RtpParseException.class, e -> assertThat(e.error()).isEqualTo(expected))
                .hasMessageContaining(expected.description());
    }

    @Test
    void aRangeOutsideTheBufferIsACallerBug() {
        byte[] p = new byte[20];
        assertThatThrownBy(() -> header.parse(p, 10, 20)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> header.parse(p, -1, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void writerOutputRoundTripsEveryField() {
        Random random = new Random(42);
        RtpWriter writer = new RtpWriter();
        byte[] buf = new byte[2048];
        for (int i = 0; i < 2000; i++) {
            int pt = random.nextInt(128);
            boolean marker = random.nextBoolean();
            int seq = random.nextInt(65536);
            long ts = random.nextLong() & 0xFFFF_FFFFL;
            long ssrc = random.nextLong() & 0xFFFF_FFFFL;
            long[] csrcs = new long[random.nextInt(16)];
            for (int c = 0; c < csrcs.length; c++) {
                csrcs[c] = random.nextLong() & 0xFFFF_FFFFL;
            }
            int padding = random.nextInt(4) == 0 ? 1 + random.nextInt(255) : 0;
            writer.payloadType(pt).marker(marker).sequenceNumber(seq).timestamp(ts).ssrc(ssrc).csrcs(csrcs)
                    .padding(padding).clearExtensions();
            boolean twoByte = random.nextBoolean();
            int extensions = random.nextInt(5);
            byte[][] data = new byte[extensions][];
            int[] ids = new int[extensions];
            for (int e = 0; e < extensions; e++) {
                ids[e] = twoByte ? 1 + e * 50 + random.nextInt(50) : 1 + e * 3 + random.nextInt(3);
                data[e] = new byte[twoByte ? random.nextInt(40) : 1 + random.nextInt(16)];
                random.nextBytes(data[e]);
                writer.extension(ids[e], data[e]);
            }
            byte[] payload = new byte[random.nextInt(1200)];
            random.nextBytes(payload);
            int off = random.nextInt(8);
            int len = writer.write(buf, off, payload, 0, payload.length);

            assertThat(header.parse(buf, off, len)).isTrue();
            assertThat(header.payloadType()).isEqualTo(pt);
            assertThat(header.marker()).isEqualTo(marker);
            assertThat(header.sequenceNumber()).isEqualTo(seq);
            assertThat(header.timestamp()).isEqualTo(ts);
            assertThat(header.ssrc()).isEqualTo(ssrc);
            assertThat(header.csrcCount()).isEqualTo(csrcs.length);
            for (int c = 0; c < csrcs.length; c++) {
                assertThat(header.csrc(c)).isEqualTo(csrcs[c]);
            }
            assertThat(header.headerLength()).isEqualTo(writer.headerLength());
            assertThat(header.paddingLength()).isEqualTo(padding);
            assertThat(header.payloadLength()).isEqualTo(payload.length);
            assertThat(java.util.Arrays.copyOfRange(buf, header.payloadOffset(), header.payloadOffset() + payload.length))
                    .isEqualTo(payload);
            assertThat(header.extension()).isEqualTo(extensions > 0);
            boolean allOneByte = true;
            for (int e = 0; e < extensions; e++) {
                allOneByte &= ids[e] <= 14 && data[e].length >= 1 && data[e].length <= 16;
            }
            if (extensions > 0) {
                assertThat(header.extensionProfile()).isEqualTo(allOneByte ? 0xBEDE : 0x1000);
            }
            for (int e = 0; e < extensions; e++) {
                int at = header.findExtension(ids[e]);
                assertThat(at).isPositive();
                assertThat(java.util.Arrays.copyOfRange(buf, at, at + header.foundExtensionLength())).isEqualTo(data[e]);
            }
        }
    }
}
