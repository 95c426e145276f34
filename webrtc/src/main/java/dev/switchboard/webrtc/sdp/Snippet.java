package dev.switchboard.webrtc.sdp;

/**
 * Shortens untrusted text before it goes into an exception message, so that messages stay small
 * and printable whatever the input (RFC 8866 §5 places no limit on line length); stateless and
 * thread-safe.
 */
final class Snippet {

    private static final int MAX = 40;

    private Snippet() {
    }

    static String of(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < MAX; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return text.length() > MAX ? sb + "..." : sb.toString();
    }
}
