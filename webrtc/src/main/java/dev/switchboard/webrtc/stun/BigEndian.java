package dev.switchboard.webrtc.stun;

/**
 * Network-byte-order reads and writes on byte arrays, the only integer encoding STUN uses
 * (RFC 8489 §5); stateless and thread-safe.
 */
final class BigEndian {

    private BigEndian() {
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    static long u64(byte[] b, int at) {
        return (u32(b, at) << 32) | u32(b, at + 4);
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, long v) {
        put16(b, at, (int) (v >>> 16));
        put16(b, at + 2, (int) v);
    }

    static void put64(byte[] b, int at, long v) {
        put32(b, at, v >>> 32);
        put32(b, at + 4, v);
    }
}
