package dev.switchboard.webrtc.rtcp;

/**
 * Big-endian (network order) field access and the RFC 3550 §6.4.1 common header for RTCP
 * encoding; stateless and thread-safe.
 */
final class Bytes {

    /** RFC 3550 §6.4.1: the length field counts 32-bit words minus one in 16 bits. */
    static final int MAX_PACKET_LENGTH = 4 * (0xFFFF + 1);

    private Bytes() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    static long u64(byte[] b, int i) {
        return u32(b, i) << 32 | u32(b, i + 4);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put24(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 16);
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) v;
    }

    static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    static void put64(byte[] b, int i, long v) {
        put32(b, i, v >>> 32);
        put32(b, i + 4, v);
    }

    /** Writes V=2, P, the 5-bit count or FMT, the packet type and the length of a packet of {@code totalLength} bytes. */
    static void header(byte[] b, int off, boolean padding, int countOrFmt, int packetType, int totalLength) {
        b[off] = (byte) (2 << 6 | (padding ? 0x20 : 0) | countOrFmt);
        b[off + 1] = (byte) packetType;
        put16(b, off + 2, totalLength / 4 - 1);
    }

    static int roundUp4(int n) {
        return (n + 3) & ~3;
    }
}
