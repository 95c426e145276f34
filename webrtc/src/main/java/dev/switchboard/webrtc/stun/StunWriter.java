package dev.switchboard.webrtc.stun;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds one STUN message (RFC 8489 §5 and §14, ICE attributes of RFC 8445 §16.1), writing
 * attributes in the order they were added and MESSAGE-INTEGRITY and FINGERPRINT last; confined
 * to one thread, like any builder.
 *
 * <p>Argument errors are {@link IllegalArgumentException}s: they are programming errors here,
 * never remote input.
 */
public final class StunWriter {

    /** RFC 8489 §14.14 and §14.8 limit SOFTWARE and reason phrases to 127 characters, at most 763 bytes. */
    public static final int MAX_TEXT_CHARACTERS = 127;
    /** RFC 8489 §14.3: a USERNAME is fewer than 509 bytes. */
    public static final int MAX_USERNAME_BYTES = 508;
    /** The 16-bit length field bounds the body; keep it a multiple of 4. */
    private static final int MAX_BODY_LENGTH = 0xFFFC;
    private static final int INTEGRITY_ATTRIBUTE_LENGTH = 4 + StunIntegrity.HMAC_LENGTH;
    private static final int FINGERPRINT_ATTRIBUTE_LENGTH = 8;

    private final int type;
    private final byte[] transactionId;
    private final List<Entry> entries = new ArrayList<>(8);
    private byte paddingByte;

    private record Entry(int type, byte[] value) {
    }

    private StunWriter(int method, StunClass messageClass, byte[] transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        if (transactionId.length != StunMessage.TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction id must have 12 bytes, got " + transactionId.length);
        }
        this.type = StunMessageType.compose(method, messageClass);
        this.transactionId = transactionId.clone();
    }

    /** Any method and class. */
    public static StunWriter of(int method, StunClass messageClass, byte[] transactionId) {
        return new StunWriter(method, messageClass, transactionId);
    }

    /** A Binding request. */
    public static StunWriter request(byte[] transactionId) {
        return of(StunMessage.METHOD_BINDING, StunClass.REQUEST, transactionId);
    }

    /** A Binding indication, as ICE keepalives use (RFC 8445 §11). */
    public static StunWriter indication(byte[] transactionId) {
        return of(StunMessage.METHOD_BINDING, StunClass.INDICATION, transactionId);
    }

    /** A Binding success response. */
    public static StunWriter response(byte[] transactionId) {
        return of(StunMessage.METHOD_BINDING, StunClass.SUCCESS_RESPONSE, transactionId);
    }

    /** A Binding error response carrying ERROR-CODE {@code code} (300..699) and {@code reason}. */
    public static StunWriter errorResponse(byte[] transactionId, int code, String reason) {
        return of(StunMessage.METHOD_BINDING, StunClass.ERROR_RESPONSE, transactionId).errorCode(code, reason);
    }

    /** USERNAME; for ICE the form is {@code receiverUfrag:senderUfrag} (RFC 8445 §7.2.2). */
    public StunWriter username(String username) {
        Objects.requireNonNull(username, "username");
        byte[] value = username.getBytes(StandardCharsets.UTF_8);
        if (value.length > MAX_USERNAME_BYTES) {
            throw new IllegalArgumentException("USERNAME longer than " + MAX_USERNAME_BYTES + " bytes");
        }
        return add(StunAttributeType.USERNAME, value);
    }

    /** PRIORITY, an unsigned 32-bit value. */
    public StunWriter priority(long priority) {
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("PRIORITY out of the 32-bit range: " + priority);
        }
        byte[] value = new byte[4];
        BigEndian.put32(value, 0, priority);
        return add(StunAttributeType.PRIORITY, value);
    }

    /** ICE-CONTROLLING with a 64-bit tie-breaker. */
    public StunWriter iceControlling(long tieBreaker) {
        return add(StunAttributeType.ICE_CONTROLLING, longValue(tieBreaker));
    }

    /** ICE-CONTROLLED with a 64-bit tie-breaker. */
    public StunWriter iceControlled(long tieBreaker) {
        return add(StunAttributeType.ICE_CONTROLLED, longValue(tieBreaker));
    }

    /** USE-CANDIDATE, which has no value. */
    public StunWriter useCandidate() {
        return add(StunAttributeType.USE_CANDIDATE, new byte[0]);
    }

    /** XOR-MAPPED-ADDRESS for an IPv4 or IPv6 socket address. */
    public StunWriter xorMappedAddress(InetSocketAddress address) {
        return add(StunAttributeType.XOR_MAPPED_ADDRESS, XorAddress.encode(address, transactionId));
    }

    /** SOFTWARE, at most {@link #MAX_TEXT_CHARACTERS} characters. */
    public StunWriter software(String software) {
        return add(StunAttributeType.SOFTWARE, text("SOFTWARE", software));
    }

    /** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9), for 420 responses. */
    public StunWriter unknownAttributes(List<Integer> types) {
        Objects.requireNonNull(types, "types");
        byte[] value = new byte[2 * types.size()];
        for (int i = 0; i < types.size(); i++) {
            BigEndian.put16(value, 2 * i, checkType(types.get(i)));
        }
        return add(StunAttributeType.UNKNOWN_ATTRIBUTES, value);
    }

    /** Any attribute, value written verbatim; for extensions and for tests that need odd messages. */
    public StunWriter attribute(int attributeType, byte[] value) {
        Objects.requireNonNull(value, "value");
        checkType(attributeType);
        if (value.length > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("attribute value longer than a message can be");
        }
        return add(attributeType, value.clone());
    }

    /**
     * The byte padding attributes to a multiple of 4. Receivers ignore it (RFC 8489 §14), so only
     * reproducing a published message, such as RFC 5769's vectors with their 0x20 padding, needs
     * anything but the default 0.
     */
    public StunWriter paddingByte(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("padding byte out of range: " + value);
        }
        this.paddingByte = (byte) value;
        return this;
    }

    /**
     * The encoded message, ending with MESSAGE-INTEGRITY under {@code integrityKeyOrNull} when it is
     * not null and then FINGERPRINT when {@code fingerprint} is set.
     *
     * @throws IllegalStateException when the attributes do not fit in one message
     */
    public byte[] build(byte[] integrityKeyOrNull, boolean fingerprint) {
        if (integrityKeyOrNull != null && integrityKeyOrNull.length == 0) {
            throw new IllegalArgumentException("MESSAGE-INTEGRITY key is empty");
        }
        long attributesLength = 0;
        for (Entry e : entries) {
            attributesLength += 4 + ((e.value().length + 3) & ~3);
        }
        long bodyLength = attributesLength + (integrityKeyOrNull != null ? INTEGRITY_ATTRIBUTE_LENGTH : 0)
                + (fingerprint ? FINGERPRINT_ATTRIBUTE_LENGTH : 0);
        if (bodyLength > MAX_BODY_LENGTH) {
            throw new IllegalStateException("STUN message body of " + bodyLength + " bytes exceeds " + MAX_BODY_LENGTH);
        }
        byte[] out = new byte[StunMessage.HEADER_LENGTH + (int) bodyLength];
        BigEndian.put16(out, 0, type);
        BigEndian.put32(out, 4, StunMessage.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, out, 8, StunMessage.TRANSACTION_ID_LENGTH);
        int at = StunMessage.HEADER_LENGTH;
        for (Entry e : entries) {
            at = put(out, at, e.type(), e.value());
        }
        if (integrityKeyOrNull != null) {
            int lengthThroughIntegrity = at + INTEGRITY_ATTRIBUTE_LENGTH - StunMessage.HEADER_LENGTH;
            byte[] hmac = StunIntegrity.hmac(integrityKeyOrNull, out, 0, at, lengthThroughIntegrity);
            at = put(out, at, StunAttributeType.MESSAGE_INTEGRITY, hmac);
        }
        // The final length must be in the header before the CRC, which covers it.
        BigEndian.put16(out, 2, (int) bodyLength);
        if (fingerprint) {
            byte[] crc = new byte[4];
            BigEndian.put32(crc, 0, StunIntegrity.fingerprint(out, 0, at));
            put(out, at, StunAttributeType.FINGERPRINT, crc);
        }
        return out;
    }

    private StunWriter errorCode(int code, String reason) {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("ERROR-CODE must be 300..699, got " + code);
        }
        byte[] phrase = text("reason phrase", reason);
        byte[] value = new byte[4 + phrase.length];
        value[2] = (byte) (code / 100);
        value[3] = (byte) (code % 100);
        System.arraycopy(phrase, 0, value, 4, phrase.length);
        return add(StunAttributeType.ERROR_CODE, value);
    }

    private StunWriter add(int attributeType, byte[] value) {
        entries.add(new Entry(attributeType, value));
        return this;
    }

    private int put(byte[] out, int at, int attributeType, byte[] value) {
        BigEndian.put16(out, at, attributeType);
        BigEndian.put16(out, at + 2, value.length);
        System.arraycopy(value, 0, out, at + 4, value.length);
        int end = at + 4 + value.length;
        int padded = at + 4 + ((value.length + 3) & ~3);
        for (int i = end; i < padded; i++) {
            out[i] = paddingByte;
        }
        return padded;
    }

    private static byte[] text(String what, String text) {
        Objects.requireNonNull(text, what);
        if (text.codePointCount(0, text.length()) > MAX_TEXT_CHARACTERS) {
            throw new IllegalArgumentException(what + " longer than " + MAX_TEXT_CHARACTERS + " characters");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longValue(long v) {
        byte[] value = new byte[8];
        BigEndian.put64(value, 0, v);
        return value;
    }

    private static int checkType(int attributeType) {
        if (attributeType < 0 || attributeType > 0xFFFF) {
            throw new IllegalArgumentException("attribute type out of range: " + attributeType);
        }
        return attributeType;
    }
}
