package dev.switchboard.webrtc.sdp;

/**
 * The value of {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} (RFC 5576 §4.1); immutable and
 * thread-safe.
 */
record SsrcAttribute(long ssrc, String name, String value) {

    static final long MAX_SSRC = 0xFFFF_FFFFL;

    /** The parsed value, or null when it does not follow the grammar. */
    static SsrcAttribute parseOrNull(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            return null;
        }
        long ssrc = SdpGrammar.unsigned(value.substring(0, space), MAX_SSRC);
        String rest = value.substring(space + 1);
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        if (ssrc < 0 || !SdpGrammar.isToken(name)) {
            return null;
        }
        return new SsrcAttribute(ssrc, name, colon < 0 ? "" : rest.substring(colon + 1));
    }
}
