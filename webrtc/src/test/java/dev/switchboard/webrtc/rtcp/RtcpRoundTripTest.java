package dev.switchboard.webrtc.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Round-trips every RTCP record through {@link RtcpWriter} and {@link RtcpParser} (RFC 3550 §6.4-§6.6,
 * RFC 4585 §6, RFC 5104 §4.3.1, REMB), including padding and packing edge cases; single-threaded.
 */
class RtcpRoundTripTest {

    static List<RtcpPacket> everyType() {
        ReportBlock block = new ReportBlock(0xFFFF_FFFFL, 255, ReportBlock.MIN_CUMULATIVE_LOST, 0xFFFF_FFFFL, 0, 1, 2);
        ReportBlock other = new ReportBlock(7, 0, ReportBlock.MAX_CUMULATIVE_LOST, 3, 0xFFFF_FFFFL, 0xFFFF_FFFFL,
                0xFFFF_FFFFL);
        return List.of(
                new SenderReport(1, -1L, 0xFFFF_FFFFL, 0, 0xFFFF_FFFFL, List.of(block, other)),
                new SenderReport(2, 0, 0, 0, 0, List.of()),
                new ReceiverReport(3, List.of(other)),
                new SourceDescription(List.of(
                        new SdesChunk(4, List.of(new SdesItem(SdesItem.CNAME, "user@example.org"),
                                new SdesItem(SdesItem.TOOL, "switchboard"), new SdesItem(SdesItem.NOTE, ""))),
                        new SdesChunk(5, List.of()),
                        new SdesChunk(6, List.of(new SdesItem(SdesItem.NAME, "Zoë 🎧 Ünïcode"),
                                new SdesItem(SdesItem.PRIV, "\u0003abcdef"), new SdesItem(200, "x".repeat(255)))))),
                new Bye(List.of(8L, 9L), "leaving"),
                new Bye(List.of(), null),
                new Bye(List.of(10L), ""),
                new GenericNack(11, 12, List.of(1, 2, 3, 17, 18, 40_000, 65535, 0)),
                new PictureLossIndication(13, 14),
                new FullIntraRequest(15, 0, List.of(new FirEntry(16, 0), new FirEntry(17, 255))),
                new Remb(18, 1_000_000, List.of(19L, 20L)),
                new Remb(21, 0, List.of()),
                new Unknown(RtcpPacketType.APP, 3, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                new Unknown(RtcpPacketType.XR, 0, new byte[] {9, 9, 9}),
                new Unknown(RtcpPacketType.RTPFB, 15, new byte[0]));
    }

    private static RtcpPacket roundTrip(RtcpPacket packet) {
        byte[] buf = new byte[RtcpWriter.encodedLength(packet) + 10];
        int written = RtcpWriter.write(packet, buf, 5);
        assertThat(written).isEqualTo(RtcpWriter.encodedLength(packet)).isNotNegative();
        assertThat(written % 4).isZero();
        List<RtcpPacket> parsed = RtcpParser.parseCompound(buf, 5, written);
        assertThat(parsed).hasSize(1);
        return parsed.getFirst();
    }

    @Test
    void everyTypeRoundTripsAlone() {
        for (RtcpPacket packet : everyType()) {
            assertThat(roundTrip(packet)).as(packet.toString()).isEqualTo(packet);
        }
    }

    @Test
    void everyTypeRoundTripsInOneCompound() {
        List<RtcpPacket> packets = everyType();
        byte[] compound = RtcpWriter.compound(packets);
        assertThat(RtcpParser.parseCompound(compound)).isEqualTo(packets);
    }

    @Test
    void sdesChunksArePaddedForEveryItemLength() {
        for (int length = 0; length < 9; length++) {
            for (int items = 0; items < 3; items++) {
                List<SdesItem> list = new ArrayList<>();
                for (int i = 0; i < items; i++) {
                    list.add(new SdesItem(SdesItem.CNAME + i, "abcdefghij".substring(0, length)));
                }
                SourceDescription sdes = new SourceDescription(List.of(new SdesChunk(1, list), new SdesChunk(2, list)));
                assertThat(roundTrip(sdes)).isEqualTo(sdes);
            }
        }
    }

    @Test
    void byeReasonsArePaddedForEveryLength() {
        for (int length = 0; length < 9; length++) {
            Bye bye = new Bye(List.of(1L), "abcdefghij".substring(0, length));
            assertThat(roundTrip(bye)).isEqualTo(bye);
            assertThat(RtcpWriter.encodedLength(bye)).isEqualTo(8 + ((1 + length + 3) & ~3));
        }
    }

    @Test
    void nackPacksRunsOfSeventeenIntoOneEntry() {
        List<Integer> seventeen = new ArrayList<>();
        for (int s = 100; s <= 116; s++) {
            seventeen.add(s);
        }
        GenericNack one = new GenericNack(1, 2, seventeen);
        assertThat(RtcpWriter.encodedLength(one)).isEqualTo(16);
        byte[] buf = RtcpWriter.compound(List.of(one));
        assertThat(buf[12]).isEqualTo((byte) 0);
        assertThat(buf[13]).isEqualTo((byte) 100);
        assertThat(buf[14]).isEqualTo((byte) 0xFF);
        assertThat(buf[15]).isEqualTo((byte) 0xFF);

        seventeen.add(117);
        assertThat(RtcpWriter.encodedLength(new GenericNack(1, 2, seventeen))).isEqualTo(20);
        // Across the wrap the entry continues.
        assertThat(RtcpWriter.encodedLength(new GenericNack(1, 2, List.of(65534, 65535, 0, 1)))).isEqualTo(16);
    }

    @Test
    void nackKeepsOrderAndDuplicates() {
        for (List<Integer> list : List.of(List.of(5, 10, 7), List.of(5, 6, 6), List.of(9, 8, 7), List.of(1, 1),
                List.of(0, 65535), List.of(65535, 0, 16, 15))) {
            GenericNack nack = new GenericNack(1, 2, list);
            assertThat(roundTrip(nack)).as(list.toString()).isEqualTo(nack);
        }
    }

    @Test
    void randomNackListsRoundTripExactly() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            int base = random.nextInt(65536);
            List<Integer> list = new ArrayList<>();
            for (int n = 1 + random.nextInt(60); n > 0; n--) {
                list.add((base + random.nextInt(random.nextBoolean() ? 40 : 65536)) & 0xFFFF);
                if (random.nextBoolean()) {
                    base = list.getLast();
                }
            }
            GenericNack nack = new GenericNack(1, 2, list);
            assertThat(roundTrip(nack)).isEqualTo(nack);
        }
    }

    @Test
    void rembBitratesSurviveWithinMantissaPrecision() {
        long[] bitrates = {0, 1, 262_143, 262_144, 262_145, 1_000_000, 1_500_000, 2_500_001, 30_000_000,
            1_000_000_007L, 1L << 40, Long.MAX_VALUE};
        for (long bps : bitrates) {
            long decoded = ((Remb) roundTrip(new Remb(1, bps, List.of(2L)))).bitrateBps();
            assertThat(decoded).as("%d bps", bps).isLessThanOrEqualTo(bps);
            // An 18-bit mantissa loses at most the bits below the top 18.
            assertThat(bps - decoded).as("%d bps", bps).isLessThanOrEqualTo(bps >>> 17);
            if (bps <= RembCodec.MAX_MANTISSA) {
                assertThat(decoded).isEqualTo(bps);
            }
        }
        assertThat(((Remb) roundTrip(new Remb(1, 1_000_000, List.of()))).bitrateBps()).isEqualTo(1_000_000);
    }

    @Test
    void rembEncodingPicksTheSmallestExponent() {
        assertThat(RembCodec.encodeBitrate(262_143)).isEqualTo(262_143);
        assertThat(RembCodec.encodeBitrate(262_144)).isEqualTo(1 << 18 | 131_072);
        assertThat(RembCodec.encodeBitrate(Long.MAX_VALUE)).isEqualTo(45 << 18 | 0x3FFFF);
    }

    @Test
    void recordsRejectValuesTheWireCannotCarry() {
        assertThatThrownBy(() -> new ReportBlock(1, 256, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(1, 0, 1 << 23, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(-1, 0, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(1, 0, 0, 1L << 32, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        List<ReportBlock> thirtyTwo = java.util.Collections.nCopies(32, new ReportBlock(1, 0, 0, 0, 0, 0, 0));
        assertThatThrownBy(() -> new ReceiverReport(1, thirtyTwo)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SdesItem(0, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SdesItem(1, "é".repeat(128))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bye(java.util.Collections.nCopies(32, 1L), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenericNack(1, 2, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenericNack(1, 2, List.of(65536))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FullIntraRequest(1, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FirEntry(1, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Remb(1, -1, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Unknown(256, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Unknown(204, 32, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePacketMustFitTheBufferAndTheLengthField() {
        assertThatThrownBy(() -> RtcpWriter.write(new PictureLossIndication(1, 2), new byte[11], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> RtcpWriter.write(new PictureLossIndication(1, 2), new byte[20], 9))
                .isInstanceOf(IndexOutOfBoundsException.class);
        // Numbers 32768 apart never share an entry: 70,000 entries need more than 65,536 words.
        List<Integer> spread = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            spread.add((i % 2) * 32768);
        }
        GenericNack huge = new GenericNack(1, 2, spread);
        assertThatThrownBy(() -> RtcpWriter.encodedLength(huge)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtcpWriter.encodedLength(new Unknown(204, 0, new byte[RtcpFraming.MAX_PACKET_LENGTH])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownCopiesItsBodyAndComparesByContent() {
        byte[] body = {1, 2, 3};
        Unknown unknown = new Unknown(204, 1, body);
        body[0] = 9;
        assertThat(unknown.body()).containsExactly(1, 2, 3);
        unknown.body()[1] = 9;
        assertThat(unknown.body()).containsExactly(1, 2, 3);
        assertThat(unknown).isEqualTo(new Unknown(204, 1, new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(new Unknown(204, 1, new byte[] {1, 2, 3}))
                .isNotEqualTo(new Unknown(204, 2, new byte[] {1, 2, 3}));
        assertThat(unknown.toString()).contains("010203");
    }

    @Test
    void listsInRecordsAreImmutableCopies() {
        List<Long> ssrcs = new ArrayList<>(List.of(1L, 2L));
        Bye bye = new Bye(ssrcs, null);
        ssrcs.add(3L);
        assertThat(bye.ssrcs()).containsExactly(1L, 2L);
        assertThatThrownBy(() -> bye.ssrcs().add(4L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
