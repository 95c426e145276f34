package dev.switchboard.webrtc.ice;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The ICE username fragment and password of one agent (RFC 8839 §5.4); immutable and thread-safe.
 *
 * <p>The constructor only insists on 1 to 256 {@code ice-char}s, because the values are written
 * verbatim into SDP lines; the RFC minimum lengths (4 and 22) are enforced where remote
 * descriptions are negotiated, and {@link #random()} always satisfies them.
 */
public record IceCredentials(String ufrag, String pwd) {

    /** RFC 8839 §5.4 lower bounds; the remote side's credentials must meet them. */
    public static final int MIN_UFRAG_LENGTH = 4;
    public static final int MIN_PWD_LENGTH = 22;
    private static final int MAX_LENGTH = 256;

    private static final int RANDOM_UFRAG_LENGTH = 8;
    private static final int RANDOM_PWD_LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(pwd, "pwd");
        check("ufrag", ufrag);
        check("pwd", pwd);
    }

    /** Fresh credentials: 8 and 24 ice-chars from a {@link SecureRandom}, i.e. 48 and 144 bits. */
    public static IceCredentials random() {
        return new IceCredentials(IceChars.random(RANDOM, RANDOM_UFRAG_LENGTH),
                IceChars.random(RANDOM, RANDOM_PWD_LENGTH));
    }

    /** Whether both values reach the RFC 8839 §5.4 minimum lengths. */
    public boolean meetsRfcMinimumLengths() {
        return ufrag.length() >= MIN_UFRAG_LENGTH && pwd.length() >= MIN_PWD_LENGTH;
    }

    private static void check(String what, String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must have 1 to " + MAX_LENGTH
                    + " characters, got " + value.length());
        }
        if (!IceChars.allIceChars(value)) {
            throw new IllegalArgumentException(what + " may only contain ALPHA, DIGIT, '+' and '/'");
        }
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", pwd=***]";
    }
}
