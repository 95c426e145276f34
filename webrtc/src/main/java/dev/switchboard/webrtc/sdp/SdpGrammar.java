package dev.switchboard.webrtc.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Character classes and number rules of the RFC 8866 §9 grammar; stateless and thread-safe.
 */
final class SdpGrammar {

    /** Returned by {@link #unsigned} for anything that is not a decimal number within bounds. */
    static final long INVALID = -1;

    private SdpGrammar() {
    }

    /** RFC 8866 {@code token-char}: visible ASCII except the separators {@code "(),/:;<=>?@[\]{}}. */
    static boolean isTokenChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII without spaces, e.g. a URI. */
    static boolean isVisibleAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Text that can go into one SDP line: no control characters except horizontal tab. */
    static boolean isLineSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isForbiddenControl(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isForbiddenControl(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7F;
    }

    /** A decimal number without sign or spaces, at most {@code max}; {@link #INVALID} otherwise. */
    static long unsigned(String s, long max) {
        if (s.isEmpty() || s.length() > 19) {
            return INVALID;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return INVALID;
            }
            n = n * 10 + (c - '0');
            if (n > max) {
                return INVALID;
            }
        }
        return n;
    }

    /**
     * Splits on single spaces as the grammar's SP separators; an empty field (double or trailing
     * space) is kept so that strict callers can reject it.
     */
    static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == ' ') {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /** The part of {@code s} before the first space, or all of it. */
    static String head(String s) {
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }

    /** The part of {@code s} after the first space, or "". */
    static String tail(String s) {
        int space = s.indexOf(' ');
        return space < 0 ? "" : s.substring(space + 1);
    }
}
