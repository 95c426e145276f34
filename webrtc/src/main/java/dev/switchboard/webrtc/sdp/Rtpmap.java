package dev.switchboard.webrtc.sdp;

import java.util.List;

/**
 * The value of {@code a=rtpmap:<pt> <name>/<clock>[/<params>]} (RFC 8866 §6.6); immutable and
 * thread-safe.
 */
record Rtpmap(int payloadType, String name, int clockRate, int channels) {

    /** The parsed value, or null when it does not follow the grammar. */
    static Rtpmap parseOrNull(String value) {
        List<String> fields = SdpGrammar.fields(value);
        if (fields.size() != 2) {
            return null;
        }
        long pt = SdpGrammar.unsigned(fields.get(0), 127);
        String[] parts = fields.get(1).split("/", -1);
        if (pt < 0 || parts.length < 2 || parts.length > 3 || !SdpGrammar.isToken(parts[0])) {
            return null;
        }
        long clock = SdpGrammar.unsigned(parts[1], Integer.MAX_VALUE);
        long channels = parts.length == 3 ? SdpGrammar.unsigned(parts[2], 255) : 1;
        if (clock < 1 || channels < 1) {
            return null;
        }
        return new Rtpmap((int) pt, parts[0], (int) clock, (int) channels);
    }
}
