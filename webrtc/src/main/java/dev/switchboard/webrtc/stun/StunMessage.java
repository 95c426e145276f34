package dev.switchboard.webrtc.stun;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/**
 * A decoded STUN message (RFC 8489 §5) with the attributes ICE needs already interpreted
 * (RFC 8489 §14, RFC 8445 §16.1); immutable and thread-safe.
 *
 * <p>Only {@link StunDecoder} creates instances. The interpreted values are copies; the raw
 * {@link #attributes()} point into the decoded buffer, see {@link StunAttribute}. When an
 * attribute type occurs more than once, the accessors report the first occurrence, which is the
 * one RFC 8489 §14 says to process.
 */
public final class StunMessage {

    /** The Binding method (RFC 8489 §18.2). */
    public static final int METHOD_BINDING = 0x001;
    /** The fixed value in bytes 4..7 of every RFC 5389/8489 message (§5). */
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;
    public static final int TRANSACTION_ID_LENGTH = 12;

    private final int type;
    private final byte[] transactionId;
    private final List<StunAttribute> attributes;
    private final String username;
    private final Long priority;
    private final boolean useCandidate;
    private final Long iceControlling;
    private final Long iceControlled;
    private final InetSocketAddress xorMappedAddress;
    private final Integer errorCode;
    private final String errorReason;
    private final String software;
    private final boolean messageIntegrity;
    private final boolean fingerprint;
    private final List<Integer> unknownComprehensionRequired;

    StunMessage(int type, byte[] transactionId, List<StunAttribute> attributes, String username, Long priority,
                boolean useCandidate, Long iceControlling, Long iceControlled, InetSocketAddress xorMappedAddress,
                Integer errorCode, String errorReason, String software, boolean messageIntegrity,
                boolean fingerprint, List<Integer> unknownComprehensionRequired) {
        this.type = type;
        this.transactionId = transactionId;
        this.attributes = List.copyOf(attributes);
        this.username = username;
        this.priority = priority;
        this.useCandidate = useCandidate;
        this.iceControlling = iceControlling;
        this.iceControlled = iceControlled;
        this.xorMappedAddress = xorMappedAddress;
        this.errorCode = errorCode;
        this.errorReason = errorReason;
        this.software = software;
        this.messageIntegrity = messageIntegrity;
        this.fingerprint = fingerprint;
        this.unknownComprehensionRequired = List.copyOf(unknownComprehensionRequired);
    }

    /** The raw 14-bit message type. */
    public int type() {
        return type;
    }

    public StunClass messageClass() {
        return StunMessageType.messageClass(type);
    }

    /** The 12-bit method, e.g. {@link #METHOD_BINDING}. */
    public int method() {
        return StunMessageType.method(type);
    }

    /** Whether this is a request, indication or response of the Binding method in class {@code c}. */
    public boolean isBinding(StunClass c) {
        return method() == METHOD_BINDING && messageClass() == c;
    }

    /** A copy of the 12-byte transaction id. */
    public byte[] transactionId() {
        return transactionId.clone();
    }

    /** Compares the transaction id without copying it. */
    public boolean hasTransactionId(byte[] id) {
        return Arrays.equals(transactionId, id);
    }

    /**
     * Every attribute that counts, in message order: those after MESSAGE-INTEGRITY other than
     * FINGERPRINT and MESSAGE-INTEGRITY-SHA256 are left out because RFC 8489 §14.5 says to ignore them.
     */
    public List<StunAttribute> attributes() {
        return attributes;
    }

    /** The first attribute of {@code attributeType}, or null. */
    public StunAttribute attribute(int attributeType) {
        for (StunAttribute a : attributes) {
            if (a.type() == attributeType) {
                return a;
            }
        }
        return null;
    }

    /** USERNAME (RFC 8489 §14.3), or null if absent. */
    public String username() {
        return username;
    }

    /** PRIORITY (RFC 8445 §16.1) as an unsigned 32-bit value, or null if absent. */
    public Long priority() {
        return priority;
    }

    /** Whether USE-CANDIDATE (RFC 8445 §16.1) is present. */
    public boolean useCandidate() {
        return useCandidate;
    }

    /** The tie-breaker of ICE-CONTROLLING (RFC 8445 §16.1), or null if absent. */
    public Long iceControlling() {
        return iceControlling;
    }

    /** The tie-breaker of ICE-CONTROLLED (RFC 8445 §16.1), or null if absent. */
    public Long iceControlled() {
        return iceControlled;
    }

    /** XOR-MAPPED-ADDRESS (RFC 8489 §14.2) with the XOR undone, or null if absent. */
    public InetSocketAddress xorMappedAddress() {
        return xorMappedAddress;
    }

    /** ERROR-CODE (RFC 8489 §14.8) as class * 100 + number, or null if absent. */
    public Integer errorCode() {
        return errorCode;
    }

    /** The reason phrase of ERROR-CODE, or null if absent. */
    public String errorReason() {
        return errorReason;
    }

    /** SOFTWARE (RFC 8489 §14.14), or null if absent. */
    public String software() {
        return software;
    }

    /** Whether MESSAGE-INTEGRITY is present; {@link StunIntegrity} says whether it is right. */
    public boolean hasMessageIntegrity() {
        return messageIntegrity;
    }

    /** Whether FINGERPRINT is present; {@link StunIntegrity} says whether it is right. */
    public boolean hasFingerprint() {
        return fingerprint;
    }

    /** Comprehension-required attribute types this stack does not know (RFC 8489 §6.3.1 answers them with 420). */
    public List<Integer> unknownComprehensionRequired() {
        return unknownComprehensionRequired;
    }

    @Override
    public String toString() {
        return "StunMessage[" + messageClass() + " method=0x" + Integer.toHexString(method())
                + " attributes=" + attributes.size() + (username != null ? " username=" + username : "") + "]";
    }
}
