package dev.switchboard.webrtc.stun;

import dev.switchboard.webrtc.bytes.BigEndian;

/**
 * Finds an attribute in raw message bytes by walking the RFC 8489 §14 type-length-value chain,
 * for checks that must not depend on a full decode; stateless and thread-safe.
 *
 * <p>Answers "absent" for anything malformed instead of throwing, since its callers report
 * booleans; the walk is bounded by {@link StunDecoder#MAX_ATTRIBUTES}.
 */
final class AttributeLocator {

    static final int ABSENT = -1;

    private AttributeLocator() {
    }

    /** Absolute index of the header of the first attribute of {@code type}, or {@link #ABSENT}. */
    static int locate(byte[] buf, int off, int len, int type) {
        if (!framingOk(buf, off, len)) {
            return ABSENT;
        }
        int end = off + len;
        int at = off + StunMessage.HEADER_LENGTH;
        for (int count = 0; at < end && count < StunDecoder.MAX_ATTRIBUTES; count++) {
            int length = BigEndian.u16(buf, at + 2);
            int next = at + 4 + ((length + 3) & ~3);
            if (next > end) {
                return ABSENT;
            }
            if (BigEndian.u16(buf, at) == type) {
                return at;
            }
            at = next;
        }
        return ABSENT;
    }

    private static boolean framingOk(byte[] buf, int off, int len) {
        return len >= StunMessage.HEADER_LENGTH && (buf[off] & 0xC0) == 0
                && BigEndian.u32(buf, off + 4) == (StunMessage.MAGIC_COOKIE & 0xFFFF_FFFFL)
                && BigEndian.u16(buf, off + 2) == len - StunMessage.HEADER_LENGTH
                && (len & 3) == 0;
    }
}
