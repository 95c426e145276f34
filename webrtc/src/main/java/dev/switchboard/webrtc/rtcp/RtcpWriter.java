package dev.switchboard.webrtc.rtcp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Encodes RTCP packets and compound packets (RFC 3550 §6.1, §6.4-§6.6; RFC 4585 §6.2.1, §6.3.1;
 * RFC 5104 §4.3.1; draft-alvestrand-rmcat-remb-03); stateless and thread-safe.
 *
 * <p>Every packet is a whole number of 32-bit words: SDES chunks and BYE reasons are null-padded
 * as §6.5 and §6.6 say, without the P bit. Only an {@link Unknown} whose body is not word-aligned
 * gets RFC 3550 §6.4.1 padding with the P bit set, the one way to frame it.
 */
public final class RtcpWriter {

    private RtcpWriter() {
    }

    /**
     * The number of bytes {@link #write} produces for {@code packet}.
     *
     * @throws IllegalArgumentException if the packet is too long for the 16-bit length field
     */
    public static int encodedLength(RtcpPacket packet) {
        return switch (packet) {
            case SenderReport sr -> ReportCodec.length(sr);
            case ReceiverReport rr -> ReportCodec.length(rr);
            case SourceDescription sdes -> SdesCodec.length(sdes);
            case Bye bye -> ByeCodec.length(bye);
            case GenericNack nack -> NackCodec.length(nack);
            case PictureLossIndication pli -> PsfbCodec.length(pli);
            case FullIntraRequest fir -> PsfbCodec.length(fir);
            case Remb remb -> RembCodec.length(remb);
            case Unknown unknown -> checkLength(4L + RtcpFraming.roundUp4(unknown.bodyLength()));
        };
    }

    /**
     * Writes {@code packet} at {@code buf[off]}.
     *
     * @return the bytes written
     * @throws IndexOutOfBoundsException if the packet does not fit
     * @throws IllegalArgumentException if the packet is too long for the 16-bit length field
     */
    public static int write(RtcpPacket packet, byte[] buf, int off) {
        Objects.checkFromIndexSize(off, encodedLength(packet), buf.length);
        return switch (packet) {
            case SenderReport sr -> ReportCodec.write(sr, buf, off);
            case ReceiverReport rr -> ReportCodec.write(rr, buf, off);
            case SourceDescription sdes -> SdesCodec.write(sdes, buf, off);
            case Bye bye -> ByeCodec.write(bye, buf, off);
            case GenericNack nack -> NackCodec.write(nack, buf, off);
            case PictureLossIndication pli -> PsfbCodec.write(pli, buf, off);
            case FullIntraRequest fir -> PsfbCodec.write(fir, buf, off);
            case Remb remb -> RembCodec.write(remb, buf, off);
            case Unknown unknown -> writeUnknown(unknown, buf, off);
        };
    }

    /** The packets one after another, as one compound packet. */
    public static byte[] compound(List<? extends RtcpPacket> packets) {
        long total = 0;
        for (RtcpPacket p : packets) {
            total += encodedLength(p);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("compound packet too large: " + total + " bytes");
        }
        byte[] out = new byte[(int) total];
        int pos = 0;
        for (RtcpPacket p : packets) {
            pos += write(p, out, pos);
        }
        return out;
    }

    private static int writeUnknown(Unknown unknown, byte[] buf, int off) {
        byte[] body = unknown.bodyUnsafe();
        int length = 4 + RtcpFraming.roundUp4(body.length);
        int padding = length - 4 - body.length;
        RtcpFraming.header(buf, off, padding > 0, unknown.fmt(), unknown.packetType(), length);
        System.arraycopy(body, 0, buf, off + 4, body.length);
        if (padding > 0) {
            // RFC 3550 §6.4.1: padding octets are zero except the last, which counts them.
            Arrays.fill(buf, off + 4 + body.length, off + length - 1, (byte) 0);
            buf[off + length - 1] = (byte) padding;
        }
        return length;
    }

    /** {@code length} as an int, or an exception when the length field cannot express it. */
    static int checkLength(long length) {
        if (length > RtcpFraming.MAX_PACKET_LENGTH) {
            throw new IllegalArgumentException("RTCP packet of " + length + " bytes exceeds the 16-bit length field");
        }
        return (int) length;
    }
}
