package dev.switchboard.webrtc.rtcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes an RTCP compound packet (RFC 3550 §6.1, §6.4-§6.6; RFC 4585 §6.2.1, §6.3.1; RFC 5104
 * §4.3.1; draft-alvestrand-rmcat-remb-03) into records; stateless and thread-safe.
 *
 * <p>Work and allocation are linear in the input: framing is bounded by {@link RtcpScanner}
 * (at most {@link RtcpScanner#MAX_PACKETS} packets) and every count field is checked against the
 * bytes actually present before anything is allocated for it. Types and FMTs without a record,
 * and AFB messages other than REMB, become {@link Unknown}. RFC 3550 A.2's rule that a compound
 * starts with SR or RR is not enforced, because RFC 5506 reduced-size RTCP, which WebRTC
 * negotiates, drops it.
 */
public final class RtcpParser {

    private RtcpParser() {
    }

    /**
     * @throws RtcpParseException when the bytes are empty, framing is broken (version, length
     *     fields, padding, too many packets) or a packet's counts overflow its length
     * @throws IndexOutOfBoundsException if the range is not inside {@code buf} (a caller bug)
     */
    public static List<RtcpPacket> parseCompound(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            throw new RtcpParseException("empty compound packet", 0);
        }
        RtcpScanner scanner = new RtcpScanner().reset(buf, off, len);
        List<RtcpPacket> packets = new ArrayList<>();
        while (scanner.next()) {
            packets.add(parseOne(buf, scanner, off));
        }
        if (scanner.error() != null) {
            throw new RtcpParseException(scanner.error(), scanner.errorOffset());
        }
        return List.copyOf(packets);
    }

    /** Convenience for a whole array. */
    public static List<RtcpPacket> parseCompound(byte[] packet) {
        return parseCompound(packet, 0, packet.length);
    }

    private static RtcpPacket parseOne(byte[] buf, RtcpScanner scanner, int base) {
        int type = scanner.packetType();
        int fmt = scanner.fmt();
        int pos = scanner.offset() + 4;
        int end = scanner.offset() + scanner.length() - scanner.paddingLength();
        return switch (type) {
            case RtcpPacketType.SR -> ReportCodec.parseSenderReport(buf, pos, end, fmt, base);
            case RtcpPacketType.RR -> ReportCodec.parseReceiverReport(buf, pos, end, fmt, base);
            case RtcpPacketType.SDES -> SdesCodec.parse(buf, pos, end, fmt, base);
            case RtcpPacketType.BYE -> ByeCodec.parse(buf, pos, end, fmt, base);
            case RtcpPacketType.RTPFB -> fmt == RtcpPacketType.FMT_GENERIC_NACK
                    ? NackCodec.parse(buf, pos, end, base)
                    : unknown(type, fmt, buf, pos, end);
            case RtcpPacketType.PSFB -> switch (fmt) {
                case RtcpPacketType.FMT_PLI -> PsfbCodec.parsePli(buf, pos, end, base);
                case RtcpPacketType.FMT_FIR -> PsfbCodec.parseFir(buf, pos, end, base);
                case RtcpPacketType.FMT_AFB -> RembCodec.isRemb(buf, pos, end)
                        ? RembCodec.parse(buf, pos, end, base)
                        : unknown(type, fmt, buf, pos, end);
                default -> unknown(type, fmt, buf, pos, end);
            };
            default -> unknown(type, fmt, buf, pos, end);
        };
    }

    private static Unknown unknown(int type, int fmt, byte[] buf, int pos, int end) {
        return new Unknown(type, fmt, Arrays.copyOfRange(buf, pos, end));
    }
}
