package dev.switchboard.webrtc.dtls;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A certificate fingerprint as carried in {@code a=fingerprint} (RFC 8122 §5); immutable and
 * thread-safe, compared by content.
 */
public record Fingerprint(String algorithm, byte[] value) {

    // The longest valid value (sha-512: 64 * 3 - 1 characters plus the name) is far below this.
    private static final int MAX_INPUT_LENGTH = 512;
    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

    public Fingerprint {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        HashFunction function = supported(algorithm);
        if (value.length != function.length()) {
            throw new IllegalArgumentException(function.sdpName() + " fingerprint needs "
                    + function.length() + " bytes, got " + value.length);
        }
        algorithm = function.sdpName();
        value = value.clone();
    }

    /**
     * Parses {@code <hash-func> <XX:XX:...>}, e.g. {@code sha-256 AB:CD:...}.
     *
     * @throws IllegalArgumentException naming the problem; never any other exception
     */
    public static Fingerprint parse(String sdpValue) {
        if (sdpValue == null) {
            throw new IllegalArgumentException("fingerprint is null");
        }
        if (sdpValue.length() > MAX_INPUT_LENGTH) {
            throw new IllegalArgumentException("fingerprint longer than " + MAX_INPUT_LENGTH + " characters");
        }
        String text = sdpValue.strip();
        int space = text.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("fingerprint needs '<hash-func> <hex>'");
        }
        String algorithm = text.substring(0, space);
        String hex = text.substring(space + 1).strip();
        HashFunction function = supported(algorithm);
        if (hex.length() != function.length() * 3 - 1) {
            throw new IllegalArgumentException(function.sdpName() + " fingerprint needs "
                    + function.length() + " colon-separated hex bytes");
        }
        byte[] bytes = new byte[function.length()];
        for (int i = 0; i < bytes.length; i++) {
            int at = i * 3;
            boolean separatorOk = i == bytes.length - 1 || hex.charAt(at + 2) == ':';
            if (!separatorOk || !isAsciiHex(hex.charAt(at)) || !isAsciiHex(hex.charAt(at + 1))) {
                throw new IllegalArgumentException("bad hex in fingerprint at byte " + i);
            }
            int high = Character.digit(hex.charAt(at), 16);
            int low = Character.digit(hex.charAt(at + 1), 16);
            bytes[i] = (byte) ((high << 4) | low);
        }
        return new Fingerprint(function.sdpName(), bytes);
    }

    /** The fingerprint of a DER-encoded certificate under the named hash function. */
    public static Fingerprint of(String algorithm, byte[] derCertificate) {
        Objects.requireNonNull(derCertificate, "derCertificate");
        HashFunction function = supported(Objects.requireNonNull(algorithm, "algorithm"));
        return new Fingerprint(function.sdpName(), function.digest(derCertificate));
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** {@code sha-256 AB:CD:...} with upper-case hex, the form browsers emit. */
    public String toSdpValue() {
        return algorithm + " " + HEX.formatHex(value);
    }

    /** Whether the certificate hashes to this fingerprint; the comparison takes constant time. */
    public boolean matches(byte[] derCertificate) {
        if (derCertificate == null) {
            return false;
        }
        byte[] actual = HashFunction.bySdpName(algorithm).orElseThrow().digest(derCertificate);
        return MessageDigest.isEqual(actual, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint other && algorithm.equals(other.algorithm)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Fingerprint[" + toSdpValue() + "]";
    }

    private static HashFunction supported(String algorithm) {
        return HashFunction.bySdpName(algorithm).orElseThrow(
                () -> new IllegalArgumentException("unsupported fingerprint algorithm: " + algorithm));
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
