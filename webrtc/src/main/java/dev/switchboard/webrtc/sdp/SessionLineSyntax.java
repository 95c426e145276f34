package dev.switchboard.webrtc.sdp;

import java.util.List;

/**
 * Grammar checks for the o=, t=, c= and b= lines (RFC 8866 §5.2, §5.7, §5.8, §5.9); stateless and
 * thread-safe.
 */
final class SessionLineSyntax {

    private static final long MAX_BANDWIDTH = 0xFFFF_FFFFL;

    private SessionLineSyntax() {
    }

    static void check(SdpLine line) {
        switch (line.type()) {
            case 'o' -> checkOrigin(line);
            case 't' -> checkTiming(line);
            case 'c' -> checkConnection(line);
            case 'b' -> checkBandwidth(line);
            default -> {
                // Other types carry free text or are unknown; RFC 8866 §5 says to ignore unknown ones.
            }
        }
    }

    private static void checkOrigin(SdpLine line) {
        List<String> f = SdpGrammar.fields(line.value());
        boolean ok = f.size() == 6 && SdpGrammar.isVisibleAscii(f.get(0)) && !f.get(0).isEmpty()
                && isDigits(f.get(1)) && isDigits(f.get(2)) && SdpGrammar.isToken(f.get(3))
                && SdpGrammar.isToken(f.get(4)) && !f.get(5).isEmpty() && SdpGrammar.isVisibleAscii(f.get(5));
        if (!ok) {
            throw new SdpParseException("o= needs <username> <sess-id> <sess-version> <nettype> <addrtype> <address>",
                    line.number());
        }
    }

    private static void checkTiming(SdpLine line) {
        List<String> f = SdpGrammar.fields(line.value());
        if (f.size() != 2 || !isDigits(f.get(0)) || !isDigits(f.get(1))) {
            throw new SdpParseException("t= needs <start-time> <stop-time>", line.number());
        }
    }

    private static void checkConnection(SdpLine line) {
        List<String> f = SdpGrammar.fields(line.value());
        boolean ok = f.size() == 3 && SdpGrammar.isToken(f.get(0)) && SdpGrammar.isToken(f.get(1))
                && !f.get(2).isEmpty() && SdpGrammar.isVisibleAscii(f.get(2));
        if (!ok) {
            throw new SdpParseException("c= needs <nettype> <addrtype> <connection-address>", line.number());
        }
    }

    private static void checkBandwidth(SdpLine line) {
        String v = line.value();
        int colon = v.indexOf(':');
        if (colon < 0 || !SdpGrammar.isToken(v.substring(0, colon))
                || SdpGrammar.unsigned(v.substring(colon + 1), MAX_BANDWIDTH) < 0) {
            throw new SdpParseException("b= needs <bwtype>:<bandwidth>", line.number());
        }
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
