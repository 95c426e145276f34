package dev.switchboard.webrtc.bytes;

/**
 * Reads and writes of big-endian (network byte order) integer fields in byte arrays, the encoding
 * STUN, RTP, RTCP and SRTP all use (RFC 8489 §5, RFC 3550 §5.1 and §6.4); stateless and thread-safe.
 *
 * <p>No bounds checks beyond the array's own: callers have checked lengths against the packet.
 * Unsigned 32-bit values are {@code long} so they compare and print as the RFCs write them; the
 * {@code put} methods write the low bits, so an {@code int} argument writes its own bit pattern.
 */
public final class BigEndian {

    private BigEndian() {
    }

    public static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    public static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    public static long u32(byte[] b, int at) {
        return (long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    public static long u64(byte[] b, int at) {
        return u32(b, at) << 32 | u32(b, at + 4);
    }

    /** The 32 bits at {@code at} as a signed int, for SSRCs and index words kept in ints. */
    public static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    public static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    public static void put24(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 16);
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) v;
    }

    public static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    public static void put64(byte[] b, int at, long v) {
        put32(b, at, v >>> 32);
        put32(b, at + 4, v);
    }

    /** XORs the low {@code count} bytes of {@code v}, big-endian, into {@code b[at, at + count)}. */
    public static void xor(byte[] b, int at, long v, int count) {
        for (int i = count - 1; i >= 0; i--) {
            b[at + i] ^= (byte) v;
            v >>>= 8;
        }
    }
}
