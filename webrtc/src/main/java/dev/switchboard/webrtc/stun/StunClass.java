package dev.switchboard.webrtc.stun;

/**
 * The four STUN message classes of RFC 8489 §5, with their C1/C0 bits; immutable and thread-safe.
 */
public enum StunClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    private static final StunClass[] BY_BITS = values();

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** The two class bits, C1 then C0, as a number 0..3. */
    public int bits() {
        return bits;
    }

    /** The class whose C1/C0 bits are {@code bits & 3}. */
    public static StunClass ofBits(int bits) {
        return BY_BITS[bits & 0b11];
    }
}
