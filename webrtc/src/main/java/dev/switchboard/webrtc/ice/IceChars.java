package dev.switchboard.webrtc.ice;

import java.util.random.RandomGenerator;

/**
 * The {@code ice-char} alphabet of RFC 8839 §5.4 (ALPHA / DIGIT / "+" / "/"), used to check and
 * generate ufrags, passwords and foundations; stateless and thread-safe.
 */
final class IceChars {

    static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private IceChars() {
    }

    static boolean isIceChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '+' || c == '/';
    }

    static boolean allIceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isIceChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String random(RandomGenerator random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
