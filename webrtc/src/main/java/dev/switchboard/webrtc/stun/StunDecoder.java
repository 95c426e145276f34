package dev.switchboard.webrtc.stun;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes one STUN message from one UDP datagram (RFC 8489 §5 framing, §14 attributes, RFC 8445
 * §16.1 ICE attributes) without copying the datagram; stateless and thread-safe.
 *
 * <p>Every malformation of untrusted input ends in {@link StunParseException}; the work per
 * datagram is linear in its length and at most {@link #MAX_ATTRIBUTES} attributes are looked at.
 */
public final class StunDecoder {

    /** More than any real ICE message carries (Chrome sends about ten); bounds work on garbage. */
    public static final int MAX_ATTRIBUTES = 64;
    /** RFC 5389 §15.3's bound; RFC 8489 §14.3 tightened it to 508 bytes, accepting the old one costs nothing. */
    public static final int MAX_USERNAME_BYTES = 512;

    private static final int PRIORITY_LENGTH = 4;
    private static final int TIE_BREAKER_LENGTH = 8;
    private static final int MESSAGE_INTEGRITY_LENGTH = 20;
    private static final int FINGERPRINT_LENGTH = 4;
    private static final int ERROR_CODE_MIN_LENGTH = 4;

    private StunDecoder() {
    }

    /**
     * Whether a datagram should be handed to STUN when it shares a port with DTLS and SRTP:
     * first byte 0..3 (RFC 7983 §7), a full header and the magic cookie (RFC 8489 §5).
     */
    public static boolean looksLikeStun(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        return len >= StunMessage.HEADER_LENGTH && (buf[off] & 0xFF) <= 3
                && BigEndian.u32(buf, off + 4) == (StunMessage.MAGIC_COOKIE & 0xFFFF_FFFFL);
    }

    /**
     * Decodes {@code buf[off..off+len)}, which must hold exactly one message.
     *
     * @throws StunParseException naming the problem when the bytes are not a well-formed message
     * @throws IndexOutOfBoundsException when {@code off} and {@code len} do not lie within {@code buf}
     */
    public static StunMessage decode(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int bodyLength = checkHeader(buf, off, len);
        int type = BigEndian.u16(buf, off);
        byte[] transactionId = Arrays.copyOfRange(buf, off + 8, off + StunMessage.HEADER_LENGTH);

        List<StunAttribute> attributes = new ArrayList<>(8);
        List<Integer> unknown = List.of();
        String username = null;
        Long priority = null;
        boolean useCandidate = false;
        Long controlling = null;
        Long controlled = null;
        InetSocketAddress xorMapped = null;
        Integer errorCode = null;
        String errorReason = null;
        String software = null;
        boolean integrity = false;
        boolean fingerprint = false;

        int end = off + StunMessage.HEADER_LENGTH + bodyLength;
        int at = off + StunMessage.HEADER_LENGTH;
        int count = 0;
        while (at < end) {
            if (++count > MAX_ATTRIBUTES) {
                throw new StunParseException("more than " + MAX_ATTRIBUTES + " attributes");
            }
            if (fingerprint) {
                throw new StunParseException("attribute after FINGERPRINT, which must be last (RFC 8489 §14.7)");
            }
            // The body length is a multiple of 4, so a header always fits here.
            int attrType = BigEndian.u16(buf, at);
            int length = BigEndian.u16(buf, at + 2);
            int value = at + 4;
            int padded = (length + 3) & ~3;
            if (padded > end - value) {
                throw new StunParseException("attribute 0x" + Integer.toHexString(attrType) + " of length "
                        + length + " overruns the message");
            }
            at = value + padded;
            boolean afterIntegrity = integrity;
            if (afterIntegrity && attrType != StunAttributeType.FINGERPRINT
                    && attrType != StunAttributeType.MESSAGE_INTEGRITY_SHA256) {
                // RFC 8489 §14.5: these were not covered by the HMAC, so they must not count.
                continue;
            }
            attributes.add(new StunAttribute(attrType, value, length));
            switch (attrType) {
                case StunAttributeType.USERNAME -> {
                    if (length > MAX_USERNAME_BYTES) {
                        throw new StunParseException("USERNAME longer than " + MAX_USERNAME_BYTES + " bytes");
                    }
                    if (username == null) {
                        username = new String(buf, value, length, StandardCharsets.UTF_8);
                    }
                }
                case StunAttributeType.PRIORITY -> {
                    expectLength("PRIORITY", length, PRIORITY_LENGTH);
                    if (priority == null) {
                        priority = BigEndian.u32(buf, value);
                    }
                }
                case StunAttributeType.USE_CANDIDATE -> {
                    expectLength("USE-CANDIDATE", length, 0);
                    useCandidate = true;
                }
                case StunAttributeType.ICE_CONTROLLING -> {
                    expectLength("ICE-CONTROLLING", length, TIE_BREAKER_LENGTH);
                    if (controlling == null) {
                        controlling = BigEndian.u64(buf, value);
                    }
                }
                case StunAttributeType.ICE_CONTROLLED -> {
                    expectLength("ICE-CONTROLLED", length, TIE_BREAKER_LENGTH);
                    if (controlled == null) {
                        controlled = BigEndian.u64(buf, value);
                    }
                }
                case StunAttributeType.XOR_MAPPED_ADDRESS -> {
                    InetSocketAddress decoded = XorAddress.decode(buf, off, value, length);
                    if (xorMapped == null) {
                        xorMapped = decoded;
                    }
                }
                case StunAttributeType.ERROR_CODE -> {
                    if (length < ERROR_CODE_MIN_LENGTH) {
                        throw new StunParseException("ERROR-CODE shorter than 4 bytes");
                    }
                    int code = errorCode(buf, value);
                    if (errorCode == null) {
                        errorCode = code;
                        errorReason = new String(buf, value + 4, length - 4, StandardCharsets.UTF_8);
                    }
                }
                case StunAttributeType.SOFTWARE -> {
                    if (software == null) {
                        software = new String(buf, value, length, StandardCharsets.UTF_8);
                    }
                }
                case StunAttributeType.MESSAGE_INTEGRITY -> {
                    expectLength("MESSAGE-INTEGRITY", length, MESSAGE_INTEGRITY_LENGTH);
                    integrity = true;
                }
                case StunAttributeType.FINGERPRINT -> {
                    expectLength("FINGERPRINT", length, FINGERPRINT_LENGTH);
                    fingerprint = true;
                }
                default -> {
                    if (StunAttributeType.isComprehensionRequired(attrType)
                            && !StunAttributeType.isKnownComprehensionRequired(attrType)) {
                        if (unknown.isEmpty()) {
                            unknown = new ArrayList<>(2);
                        }
                        unknown.add(attrType);
                    }
                }
            }
        }
        return new StunMessage(type, transactionId, attributes, username, priority, useCandidate, controlling,
                controlled, xorMapped, errorCode, errorReason, software, integrity, fingerprint, unknown);
    }

    /** Checks the RFC 8489 §5 header and returns the body length it announces. */
    static int checkHeader(byte[] buf, int off, int len) {
        if (len < StunMessage.HEADER_LENGTH) {
            throw new StunParseException("datagram of " + len + " bytes is shorter than the 20-byte header");
        }
        if ((buf[off] & 0xC0) != 0) {
            throw new StunParseException("the two most significant bits are not zero");
        }
        if (BigEndian.u32(buf, off + 4) != (StunMessage.MAGIC_COOKIE & 0xFFFF_FFFFL)) {
            throw new StunParseException("bad magic cookie");
        }
        int bodyLength = BigEndian.u16(buf, off + 2);
        if ((bodyLength & 3) != 0) {
            throw new StunParseException("message length " + bodyLength + " is not a multiple of 4");
        }
        if (bodyLength != len - StunMessage.HEADER_LENGTH) {
            // Over UDP one datagram holds exactly one message; anything else is truncation or junk.
            throw new StunParseException("message length " + bodyLength + " does not match the "
                    + (len - StunMessage.HEADER_LENGTH) + " bytes after the header");
        }
        return bodyLength;
    }

    private static int errorCode(byte[] buf, int value) {
        int errorClass = buf[value + 2] & 0x07;
        int number = buf[value + 3] & 0xFF;
        if (errorClass < 3 || errorClass > 6 || number > 99) {
            throw new StunParseException("ERROR-CODE " + errorClass + "/" + number + " is outside 300..699");
        }
        return errorClass * 100 + number;
    }

    private static void expectLength(String name, int length, int expected) {
        if (length != expected) {
            throw new StunParseException(name + " has length " + length + ", expected " + expected);
        }
    }
}
