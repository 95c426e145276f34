package dev.switchboard.webrtc.rtcp;

import dev.switchboard.webrtc.bytes.BigEndian;

/**
 * The RFC 3550 §6.4.1 common header and 32-bit word alignment every RTCP packet encoder writes;
 * stateless and thread-safe.
 */
final class RtcpFraming {

    /** RFC 3550 §6.4.1: the length field counts 32-bit words minus one in 16 bits. */
    static final int MAX_PACKET_LENGTH = 4 * (0xFFFF + 1);

    private RtcpFraming() {
    }

    /** Writes V=2, P, the 5-bit count or FMT, the packet type and the length of a packet of {@code totalLength} bytes. */
    static void header(byte[] b, int off, boolean padding, int countOrFmt, int packetType, int totalLength) {
        b[off] = (byte) (2 << 6 | (padding ? 0x20 : 0) | countOrFmt);
        b[off + 1] = (byte) packetType;
        BigEndian.put16(b, off + 2, totalLength / 4 - 1);
    }

    static int roundUp4(int n) {
        return (n + 3) & ~3;
    }
}
