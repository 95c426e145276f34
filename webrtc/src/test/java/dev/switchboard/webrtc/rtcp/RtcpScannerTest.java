package dev.switchboard.webrtc.rtcp;

import static dev.switchboard.webrtc.rtcp.RtcpVectorsTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests {@link RtcpScanner}'s allocation-free walk over RFC 3550 §6.1 compound packets; single-threaded. */
class RtcpScannerTest {

    private final RtcpScanner scanner = new RtcpScanner();

    @Test
    void walksACompoundExposingTypeFmtOffsetAndLength() {
        byte[] b = RtcpWriter.compound(List.of(
                new ReceiverReport(1, List.of()),
                new SourceDescription(List.of(new SdesChunk(1, List.of(new SdesItem(1, "abc"))))),
                new PictureLossIndication(1, 0xAABBCCDDL),
                new GenericNack(1, 0x11223344L, List.of(5)),
                new FullIntraRequest(1, 0, List.of(new FirEntry(0x55667788L, 1)))));
        scanner.reset(b, 0, b.length);

        assertThat(scanner.next()).isTrue();
        assertThat(scanner.packetType()).isEqualTo(RtcpPacketType.RR);
        assertThat(scanner.fmt()).isZero();
        assertThat(scanner.offset()).isZero();
        assertThat(scanner.length()).isEqualTo(8);
        assertThat(scanner.senderSsrc()).isEqualTo(1);
        assertThat(scanner.mediaSsrc()).isEqualTo(-1);

        assertThat(scanner.next()).isTrue();
        assertThat(scanner.packetType()).isEqualTo(RtcpPacketType.SDES);
        assertThat(scanner.fmt()).isEqualTo(1);
        assertThat(scanner.offset()).isEqualTo(8);
        assertThat(scanner.length()).isEqualTo(16);

        assertThat(scanner.next()).isTrue();
        assertThat(scanner.packetType()).isEqualTo(RtcpPacketType.PSFB);
        assertThat(scanner.fmt()).isEqualTo(RtcpPacketType.FMT_PLI);
        assertThat(scanner.offset()).isEqualTo(24);
        assertThat(scanner.mediaSsrc()).isEqualTo(0xAABBCCDDL);

        assertThat(scanner.next()).isTrue();
        assertThat(scanner.packetType()).isEqualTo(RtcpPacketType.RTPFB);
        assertThat(scanner.fmt()).isEqualTo(RtcpPacketType.FMT_GENERIC_NACK);
        assertThat(scanner.mediaSsrc()).isEqualTo(0x11223344L);
        assertThat(scanner.length()).isEqualTo(16);

        assertThat(scanner.next()).isTrue();
        assertThat(scanner.fmt()).isEqualTo(RtcpPacketType.FMT_FIR);

        assertThat(scanner.next()).isFalse();
        assertThat(scanner.error()).isNull();
        assertThat(scanner.packetCount()).isEqualTo(5);
        assertThat(scanner.next()).isFalse();
        assertThatThrownBy(scanner::packetType).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reportsPaddingOfTheLastPacket() {
        byte[] b = hex("80 C9 0001 11223344 A1 CE 0003 11223344 55667788 00000004");
        scanner.reset(b, 0, b.length);
        scanner.next();
        assertThat(scanner.next()).isTrue();
        assertThat(scanner.length()).isEqualTo(16);
        assertThat(scanner.paddingLength()).isEqualTo(4);
        assertThat(scanner.mediaSsrc()).isEqualTo(0x55667788L);
    }

    @Test
    void stopsAtTheFirstFramingErrorAfterReturningTheGoodPackets() {
        byte[] b = hex("80 C9 0001 11223344 81 CE 0005 11223344 55667788");
        scanner.reset(b, 0, b.length);
        assertThat(scanner.next()).isTrue();
        assertThat(scanner.next()).isFalse();
        assertThat(scanner.error()).contains("length field");
        assertThat(scanner.errorOffset()).isEqualTo(8);
        assertThat(scanner.next()).isFalse();
    }

    @Test
    void shortFeedbackHasNoSsrcs() {
        byte[] b = hex("81 CE 0000");
        scanner.reset(b, 0, b.length);
        assertThat(scanner.next()).isTrue();
        assertThat(scanner.senderSsrc()).isEqualTo(-1);
        assertThat(scanner.mediaSsrc()).isEqualTo(-1);
    }

    @Test
    void resetMakesTheScannerReusable() {
        byte[] bad = hex("40 C9 0001 11223344");
        scanner.reset(bad, 0, bad.length);
        assertThat(scanner.next()).isFalse();
        assertThat(scanner.error()).isNotNull();
        byte[] good = hex("FFFF 80 C9 0001 11223344");
        scanner.reset(good, 2, good.length - 2);
        assertThat(scanner.error()).isNull();
        assertThat(scanner.next()).isTrue();
        assertThat(scanner.offset()).isEqualTo(2);
        assertThat(scanner.next()).isFalse();
        assertThat(scanner.error()).isNull();
    }

    @Test
    void anEmptyRangeHasNoPacketsAndNoError() {
        scanner.reset(new byte[4], 4, 0);
        assertThat(scanner.next()).isFalse();
        assertThat(scanner.error()).isNull();
    }

    @Test
    void recognizesTheRtcpPacketTypeRangeForDemultiplexing() {
        assertThat(RtcpPacketType.isRtcp(200)).isTrue();
        assertThat(RtcpPacketType.isRtcp((byte) 0xCE)).isTrue();
        assertThat(RtcpPacketType.isRtcp(192)).isTrue();
        assertThat(RtcpPacketType.isRtcp(223)).isTrue();
        assertThat(RtcpPacketType.isRtcp(0x60)).isFalse();
        assertThat(RtcpPacketType.isRtcp(0xE0)).isFalse();
    }
}
