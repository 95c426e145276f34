package dev.switchboard.webrtc.stun;

import java.util.Arrays;

/**
 * One attribute of a decoded message (RFC 8489 §14) as a type plus the position of its value in the
 * buffer that was decoded; immutable and thread-safe, but only meaningful while that buffer still
 * holds the datagram.
 *
 * <p>Positions instead of copies keep decoding on the media thread free of per-attribute arrays.
 *
 * @param type the attribute type
 * @param valueOffset absolute index of the first value byte in the decoded buffer
 * @param length the value length without padding
 */
public record StunAttribute(int type, int valueOffset, int length) {

    public StunAttribute {
        if (type < 0 || type > 0xFFFF || valueOffset < 0 || length < 0 || length > 0xFFFF) {
            throw new IllegalArgumentException("bad STUN attribute position");
        }
    }

    /** A copy of the value, read from {@code buf}, which must be the buffer that was decoded. */
    public byte[] copyValue(byte[] buf) {
        return Arrays.copyOfRange(buf, valueOffset, valueOffset + length);
    }
}
