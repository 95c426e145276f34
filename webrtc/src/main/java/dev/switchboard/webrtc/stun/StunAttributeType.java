package dev.switchboard.webrtc.stun;

/**
 * The attribute type numbers this stack knows, from the IANA STUN registry (RFC 8489 §18.3 and
 * RFC 8445 §16.1); stateless and thread-safe.
 *
 * <p>Plain {@code int} constants rather than an enum, because unknown types must stay representable
 * and the decoder compares them on the media thread.
 */
public final class StunAttributeType {

    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    public static final int PASSWORD_ALGORITHM = 0x001D;
    public static final int USERHASH = 0x001E;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;
    public static final int PASSWORD_ALGORITHMS = 0x8002;
    public static final int ALTERNATE_DOMAIN = 0x8003;
    public static final int SOFTWARE = 0x8022;
    public static final int ALTERNATE_SERVER = 0x8023;
    public static final int FINGERPRINT = 0x8028;
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;

    private StunAttributeType() {
    }

    /** Types below 0x8000 must be understood by the receiver (RFC 8489 §14). */
    public static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /** Whether {@code type} is one of the comprehension-required types defined in this class. */
    public static boolean isKnownComprehensionRequired(int type) {
        return switch (type) {
            case MAPPED_ADDRESS, USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES, REALM, NONCE,
                 MESSAGE_INTEGRITY_SHA256, PASSWORD_ALGORITHM, USERHASH, XOR_MAPPED_ADDRESS, PRIORITY,
                 USE_CANDIDATE -> true;
            default -> false;
        };
    }
}
