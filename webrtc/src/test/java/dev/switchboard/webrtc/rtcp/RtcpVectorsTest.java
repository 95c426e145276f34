package dev.switchboard.webrtc.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parses byte sequences built by hand from the RFC 3550 §6.4-§6.6, RFC 4585 §6, RFC 5104 §4.3.1
 * and REMB draft layouts, and checks the writer reproduces them byte for byte; single-threaded.
 */
class RtcpVectorsTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static RtcpPacket single(String bytes) {
        byte[] b = hex(bytes);
        List<RtcpPacket> packets = RtcpParser.parseCompound(b, 0, b.length);
        assertThat(packets).hasSize(1);
        RtcpPacket p = packets.getFirst();
        assertThat(RtcpWriter.compound(packets)).as("re-encoded %s", p).isEqualTo(b);
        return p;
    }

    @Test
    void pictureLossIndication() {
        // V=2 FMT=1 | PT=206 | length 2 (three words) | sender | media
        assertThat(single("81 CE 0002 11223344 55667788"))
                .isEqualTo(new PictureLossIndication(0x11223344L, 0x55667788L));
    }

    @Test
    void genericNackExpandsPidAndBitmask() {
        // PID 100, BLP 0b101: 101 and 103 lost too.
        assertThat(single("81 CD 0003 11223344 55667788 0064 0005"))
                .isEqualTo(new GenericNack(0x11223344L, 0x55667788L, List.of(100, 101, 103)));
        // Bit 15 of the BLP is PID + 16, across the wrap.
        assertThat(single("81 CD 0003 11223344 55667788 FFFA 8001"))
                .isEqualTo(new GenericNack(0x11223344L, 0x55667788L, List.of(65530, 65531, 10)));
    }

    @Test
    void fullIntraRequest() {
        // FMT=4, media SSRC 0, one FCI entry: SSRC, seq nr 7, 24 reserved bits.
        assertThat(single("84 CE 0004 11223344 00000000 55667788 07000000"))
                .isEqualTo(new FullIntraRequest(0x11223344L, 0, List.of(new FirEntry(0x55667788L, 7))));
    }

    @Test
    void rembForOneMegabitPerSecond() {
        // 1,000,000 = 250,000 * 2^2 and 250,000 = 0x3D090 < 2^18, so exponent 2, mantissa 0x3D090:
        // the 24 bits 000010|11 1101 0000 1001 0000 are 0B D0 90.
        assertThat(RembCodec.encodeBitrate(1_000_000)).isEqualTo(0x0BD090);
        assertThat(single("8F CE 0005 11223344 00000000 52454D42 01 0BD090 55667788"))
                .isEqualTo(new Remb(0x11223344L, 1_000_000, List.of(0x55667788L)));
    }

    @Test
    void senderReportWithOneBlock() {
        SenderReport sr = (SenderReport) single("81 C8 000C 11223344 E5A12345 6789ABCD 0001E240 00000064 00002710"
                + " 55667788 40 FFFFFE 00010005 00000021 23456789 00018000");
        assertThat(sr).isEqualTo(new SenderReport(0x11223344L, 0xE5A1_2345_6789_ABCDL, 123_456, 100, 10_000,
                List.of(new ReportBlock(0x55667788L, 64, -2, 0x1_0005L, 33, 0x2345_6789L, 98_304))));
        assertThat(sr.compactNtp()).isEqualTo(0x2345_6789L);
    }

    @Test
    void receiverReportWithoutBlocks() {
        assertThat(single("80 C9 0001 11223344")).isEqualTo(new ReceiverReport(0x11223344L, List.of()));
    }

    @Test
    void sourceDescriptionWithACname() {
        // Chunk: SSRC, CNAME "abc" (01 03 61 62 63), a null octet and two more to the boundary.
        assertThat(single("81 CA 0003 11223344 0103616263 000000"))
                .isEqualTo(new SourceDescription(List.of(new SdesChunk(0x11223344L, List.of(new SdesItem(1, "abc"))))));
    }

    @Test
    void aChunkWhoseItemsEndOnABoundaryStillGetsFourNullOctets() {
        // Items take 4 bytes (01 02 "ab"), so the terminating null starts a whole new word.
        assertThat(single("81 CA 0003 11223344 01026162 00000000"))
                .isEqualTo(new SourceDescription(List.of(new SdesChunk(0x11223344L, List.of(new SdesItem(1, "ab"))))));
    }

    @Test
    void byeWithAndWithoutReason() {
        assertThat(single("81 CB 0001 11223344")).isEqualTo(new Bye(List.of(0x11223344L), null));
        assertThat(single("81 CB 0002 11223344 03627965")).isEqualTo(new Bye(List.of(0x11223344L), "bye"));
        assertThat(single("81 CB 0002 11223344 026F6B00")).isEqualTo(new Bye(List.of(0x11223344L), "ok"));
    }

    @Test
    void unknownTypesAreKeptWhole() {
        assertThat(single("80 CC 0002 11223344 6E616D65"))
                .isEqualTo(new Unknown(RtcpPacketType.APP, 0, hex("11223344 6E616D65")));
        // Transport-wide congestion control feedback, RTPFB FMT 15.
        assertThat(single("8F CD 0003 11223344 55667788 00010002"))
                .isEqualTo(new Unknown(RtcpPacketType.RTPFB, 15, hex("11223344 55667788 00010002")));
        // An AFB message that is not REMB.
        assertThat(single("8F CE 0003 11223344 00000000 41424344"))
                .isEqualTo(new Unknown(RtcpPacketType.PSFB, 15, hex("11223344 00000000 41424344")));
    }

    @Test
    void paddingIsRemovedAndReappliedForUnalignedUnknownBodies() {
        assertThat(single("A0 CC 0002 11223344 78 000003"))
                .isEqualTo(new Unknown(RtcpPacketType.APP, 0, hex("11223344 78")));
    }

    @Test
    void paddingOnTheLastPacketOfACompoundIsSkipped() {
        // SRTCP-style: RR, then a PLI whose P bit adds one padding word.
        byte[] b = hex("80 C9 0001 11223344 A1 CE 0003 11223344 55667788 00000004");
        assertThat(RtcpParser.parseCompound(b, 0, b.length)).containsExactly(
                new ReceiverReport(0x11223344L, List.of()), new PictureLossIndication(0x11223344L, 0x55667788L));
    }

    @Test
    void aCompoundParsesInOrder() {
        byte[] b = hex("80 C9 0001 11223344 81 CA 0003 11223344 0103616263 000000 81 CE 0002 11223344 55667788");
        byte[] framed = new byte[b.length + 7];
        System.arraycopy(b, 0, framed, 3, b.length);
        List<RtcpPacket> packets = RtcpParser.parseCompound(framed, 3, b.length);
        assertThat(packets).extracting(RtcpPacket::packetType)
                .containsExactly(RtcpPacketType.RR, RtcpPacketType.SDES, RtcpPacketType.PSFB);
        assertThat(RtcpWriter.compound(packets)).isEqualTo(b);
    }
}
