package dev.switchboard.webrtc.stun;

import java.util.Objects;

/**
 * Packs and unpacks the 14-bit STUN message type, whose class bits are interleaved with the method
 * bits as drawn in RFC 8489 §5 Figure 3; stateless and thread-safe.
 */
public final class StunMessageType {

    /** The largest method number that fits the 12 method bits. */
    public static final int MAX_METHOD = 0xFFF;

    private StunMessageType() {
    }

    /** The type field for {@code method} in class {@code messageClass}. */
    public static int compose(int method, StunClass messageClass) {
        Objects.requireNonNull(messageClass, "messageClass");
        if (method < 0 || method > MAX_METHOD) {
            throw new IllegalArgumentException("STUN method out of range 0..0xFFF: " + method);
        }
        int c = messageClass.bits();
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                | ((c & 0b01) << 4) | ((c & 0b10) << 7);
    }

    /** The 12-bit method of a type field. */
    public static int method(int type) {
        return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
    }

    /** The class of a type field. */
    public static StunClass messageClass(int type) {
        return StunClass.ofBits(((type >> 4) & 0b01) | ((type >> 7) & 0b10));
    }
}
