package dev.switchboard.webrtc.srtp;

/**
 * Big-endian (network order, RFC 3550 §5) reads and writes of packet fields; stateless and
 * thread-safe.
 */
final class Bytes {

    private Bytes() {
    }

    static int readU16(byte[] buf, int at) {
        return (buf[at] & 0xFF) << 8 | buf[at + 1] & 0xFF;
    }

    static int readInt(byte[] buf, int at) {
        return (buf[at] & 0xFF) << 24 | (buf[at + 1] & 0xFF) << 16 | (buf[at + 2] & 0xFF) << 8 | buf[at + 3] & 0xFF;
    }

    static void writeInt(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }

    /** XORs the low {@code count} bytes of {@code value}, big-endian, into {@code buf[at, at+count)}. */
    static void xorBigEndian(byte[] buf, int at, long value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            buf[at + i] ^= (byte) value;
            value >>>= 8;
        }
    }
}
