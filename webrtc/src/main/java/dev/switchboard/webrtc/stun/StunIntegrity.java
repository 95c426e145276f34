package dev.switchboard.webrtc.stun;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes and checks MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) and FINGERPRINT (CRC-32,
 * RFC 8489 §14.7) on raw message bytes; thread-safe (each thread gets its own {@link Mac}).
 *
 * <p>Verification answers false for malformed input rather than throwing, because a message that
 * cannot be checked is simply not authentic.
 */
public final class StunIntegrity {

    /** Length of the HMAC-SHA1 value. */
    public static final int HMAC_LENGTH = 20;
    /** RFC 8489 §14.7 XORs the CRC with this so that other protocols' CRCs do not match by accident. */
    public static final int FINGERPRINT_XOR = 0x5354554E;

    private static final String HMAC_SHA1 = "HmacSHA1";
    // Mac.getInstance walks the provider list; once per thread keeps that off the per-packet path.
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(HMAC_SHA1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK must provide " + HMAC_SHA1, e);
        }
    });

    private StunIntegrity() {
    }

    /**
     * The short-term credential key of RFC 8489 §9.1.1: the password's UTF-8 bytes (OpaqueString
     * processing leaves ICE passwords, which are ASCII ice-chars, unchanged).
     */
    public static byte[] shortTermKey(String password) {
        Objects.requireNonNull(password, "password");
        return password.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether the first MESSAGE-INTEGRITY of the message in {@code buf[off..off+len)} is the
     * HMAC-SHA1 under {@code key} of everything before it, with the header's length field counting
     * only up to the end of MESSAGE-INTEGRITY (RFC 8489 §14.5).
     */
    public static boolean verifyMessageIntegrity(byte[] buf, int off, int len, byte[] key) {
        Objects.checkFromIndexSize(off, len, buf.length);
        checkKey(key);
        int at = AttributeLocator.locate(buf, off, len, StunAttributeType.MESSAGE_INTEGRITY);
        if (at == AttributeLocator.ABSENT || BigEndian.u16(buf, at + 2) != HMAC_LENGTH) {
            return false;
        }
        int lengthThroughIntegrity = at + 4 + HMAC_LENGTH - off - StunMessage.HEADER_LENGTH;
        return constantTimeEquals(hmac(key, buf, off, at, lengthThroughIntegrity), buf, at + 4);
    }

    /**
     * Whether the message in {@code buf[off..off+len)} ends with a FINGERPRINT holding the CRC-32
     * of everything before it XOR {@link #FINGERPRINT_XOR} (RFC 8489 §14.7).
     */
    public static boolean verifyFingerprint(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int at = AttributeLocator.locate(buf, off, len, StunAttributeType.FINGERPRINT);
        if (at == AttributeLocator.ABSENT || at + 8 != off + len || BigEndian.u16(buf, at + 2) != 4) {
            return false;
        }
        return fingerprint(buf, off, at) == BigEndian.u32(buf, at + 4);
    }

    /**
     * HMAC-SHA1 under {@code key} of the header at {@code off} with its length field replaced by
     * {@code lengthField}, followed by the bytes up to {@code end}; the replacement avoids copying
     * the message.
     */
    static byte[] hmac(byte[] key, byte[] buf, int off, int end, int lengthField) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, HMAC_SHA1));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable HMAC key", e);
        }
        mac.update(buf, off, 2);
        mac.update((byte) (lengthField >>> 8));
        mac.update((byte) lengthField);
        mac.update(buf, off + 4, end - off - 4);
        return mac.doFinal();
    }

    /** CRC-32 of {@code buf[off..end)} XOR {@link #FINGERPRINT_XOR}, as an unsigned value. */
    static long fingerprint(byte[] buf, int off, int end) {
        CRC32 crc = new CRC32();
        crc.update(buf, off, end - off);
        return (crc.getValue() ^ FINGERPRINT_XOR) & 0xFFFF_FFFFL;
    }

    // Comparing in constant time gives an attacker no timing hint about how much of a forgery matched.
    private static boolean constantTimeEquals(byte[] expected, byte[] buf, int at) {
        int diff = 0;
        for (int i = 0; i < expected.length; i++) {
            diff |= expected[i] ^ buf[at + i];
        }
        return diff == 0;
    }

    private static void checkKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            // SecretKeySpec refuses empty keys; say so in STUN terms instead.
            throw new IllegalArgumentException("MESSAGE-INTEGRITY key is empty");
        }
    }
}
