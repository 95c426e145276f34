package dev.switchboard.webrtc.rtp;

/**
 * Walks the elements of an RFC 8285 §4.2 (one-byte) or §4.3 (two-byte) header extension block
 * without allocating, shared by lookup and rewriting so both agree on where elements are;
 * stateless and thread-safe.
 *
 * <p>{@link #next} packs the element it finds into one {@code long} (id, data length, data offset)
 * so callers can loop with plain locals instead of a cursor object. A negative result means there
 * is no further element and carries the position where the walk stopped: the block end, or the
 * first byte that cannot be trusted (a one-byte ID 15, which §4.2 says ends processing; a one-byte
 * ID 0 with a non-zero length, which is neither padding nor an element; an element running past
 * the block). Everything from that position on must be ignored.
 */
final class ExtensionElements {

    /** RFC 8285 §4.2: the "defined by profile" value of the one-byte form. */
    static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** RFC 8285 §4.3: the two-byte form is 0x100 followed by 4 application bits. */
    static final int TWO_BYTE_PROFILE = 0x1000;
    static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;

    private static final int ONE_BYTE_RESERVED_ID = 15;

    private ExtensionElements() {
    }

    /** 1 for the one-byte form, 2 for the two-byte form, 0 when the profile is not RFC 8285's. */
    static int idBytes(int profile) {
        if (profile == ONE_BYTE_PROFILE) {
            return 1;
        }
        return (profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE ? 2 : 0;
    }

    /**
     * The first element at or after {@code pos} and before {@code end}, skipping padding bytes
     * (RFC 8285 §4.1.2 allows them between elements), or {@code ~stopPosition} when there is none.
     */
    static long next(byte[] buf, int pos, int end, int idBytes) {
        while (pos < end) {
            int b = buf[pos] & 0xFF;
            if (b == 0) {
                pos++;
                continue;
            }
            int id;
            int dataLength;
            if (idBytes == 2) {
                if (pos + 2 > end) {
                    break;
                }
                id = b;
                dataLength = buf[pos + 1] & 0xFF;
            } else {
                id = b >>> 4;
                if (id == 0 || id == ONE_BYTE_RESERVED_ID) {
                    break;
                }
                // The 4-bit length field counts data bytes minus one.
                dataLength = (b & 0x0F) + 1;
            }
            int dataOffset = pos + idBytes;
            if (dataOffset + dataLength > end) {
                break;
            }
            return (long) id << 48 | (long) dataLength << 32 | dataOffset;
        }
        return ~(long) pos;
    }

    static int id(long element) {
        return (int) (element >>> 48);
    }

    static int dataLength(long element) {
        return (int) (element >>> 32) & 0xFFFF;
    }

    static int dataOffset(long element) {
        return (int) element;
    }

    /** Where a walk that returned the negative {@code result} stopped. */
    static int stop(long result) {
        return (int) ~result;
    }
}
