package dev.switchboard.webrtc.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The certificate hash functions a fingerprint may name (RFC 8122 §5, restricted to those RFC 8827
 * §6.5 lets WebRTC use); immutable and thread-safe.
 */
enum HashFunction {
    SHA_1("sha-1", "SHA-1", 20),
    SHA_256("sha-256", "SHA-256", 32),
    SHA_384("sha-384", "SHA-384", 48),
    SHA_512("sha-512", "SHA-512", 64);

    private final String sdpName;
    private final String jcaName;
    private final int length;

    HashFunction(String sdpName, String jcaName, int length) {
        this.sdpName = sdpName;
        this.jcaName = jcaName;
        this.length = length;
    }

    /** Looks up an SDP hash-func token case-insensitively, as RFC 8122 §5 asks. */
    static Optional<HashFunction> bySdpName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (HashFunction f : values()) {
            if (f.sdpName.equals(lower)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    String sdpName() {
        return sdpName;
    }

    int length() {
        return length;
    }

    byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide these digests.
            throw new IllegalStateException(jcaName + " is missing from this JDK", e);
        }
    }
}
