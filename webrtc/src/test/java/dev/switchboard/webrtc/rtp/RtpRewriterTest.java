package dev.switchboard.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests {@link RtpRewriter}'s in-place RFC 3550 §5.1 field updates; single-threaded. */
class RtpRewriterTest {

    private final byte[] buf = new byte[100];
    private final RtpHeader header = new RtpHeader();
    private final int off = 7;
    private int len;

    RtpRewriterTest() {
        len = new RtpWriter().payloadType(96).marker(true).sequenceNumber(100).timestamp(9000).ssrc(1234)
                .csrcs(5, 6).extension(1, new byte[] {1, 2}).write(buf, off, new byte[] {9, 9, 9}, 0, 3);
    }

    @Test
    void everySetterChangesOnlyItsField() {
        RtpRewriter.setSsrc(buf, off, 0xFEDCBA98L);
        RtpRewriter.setPayloadType(buf, off, 111);
        RtpRewriter.setSequenceNumber(buf, off, 65535);
        RtpRewriter.setTimestamp(buf, off, 0xFFFF_FFFFL);
        RtpRewriter.setMarker(buf, off, false);

        assertThat(header.parse(buf, off, len)).isTrue();
        assertThat(header.ssrc()).isEqualTo(0xFEDCBA98L);
        assertThat(header.payloadType()).isEqualTo(111);
        assertThat(header.sequenceNumber()).isEqualTo(65535);
        assertThat(header.timestamp()).isEqualTo(0xFFFF_FFFFL);
        assertThat(header.marker()).isFalse();
        assertThat(header.csrc(0)).isEqualTo(5);
        assertThat(header.csrc(1)).isEqualTo(6);
        assertThat(header.findExtension(1)).isPositive();
        assertThat(header.payloadLength()).isEqualTo(3);
    }

    @Test
    void markerAndPayloadTypeShareAByteWithoutDisturbingEachOther() {
        RtpRewriter.setPayloadType(buf, off, 0);
        assertThat(header.parse(buf, off, len)).isTrue();
        assertThat(header.marker()).isTrue();
        RtpRewriter.setMarker(buf, off, false);
        RtpRewriter.setPayloadType(buf, off, 127);
        assertThat(header.marker()).isFalse();
        assertThat(header.payloadType()).isEqualTo(127);
        RtpRewriter.setMarker(buf, off, true);
        assertThat(header.payloadType()).isEqualTo(127);
    }

    @Test
    void theViewReflectsRewritesWithoutReparsing() {
        assertThat(header.parse(buf, off, len)).isTrue();
        RtpRewriter.setSequenceNumber(buf, off, 42);
        assertThat(header.sequenceNumber()).isEqualTo(42);
    }

    @Test
    void valuesWrapToTheirFieldWidth() {
        RtpRewriter.setSequenceNumber(buf, off, 70_000);
        RtpRewriter.setTimestamp(buf, off, 0x1_0000_0003L);
        RtpRewriter.setSsrc(buf, off, -1L);
        assertThat(header.parse(buf, off, len)).isTrue();
        assertThat(header.sequenceNumber()).isEqualTo(70_000 - 65_536);
        assertThat(header.timestamp()).isEqualTo(3);
        assertThat(header.ssrc()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void aPayloadTypeThatWouldFlipTheMarkerIsRejected() {
        assertThatThrownBy(() -> RtpRewriter.setPayloadType(buf, off, 128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtpRewriter.setPayloadType(buf, off, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
