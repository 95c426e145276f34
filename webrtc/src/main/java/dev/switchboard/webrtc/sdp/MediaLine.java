package dev.switchboard.webrtc.sdp;

import java.util.List;

/**
 * The fields of {@code m=<media> <port>[/<count>] <proto> <fmt>...} (RFC 8866 §5.14); immutable and
 * thread-safe.
 */
record MediaLine(String media, int port, int portCount, String proto, List<String> formats) {

    private static final int MAX_PORT = 0xFFFF;

    MediaLine {
        formats = List.copyOf(formats);
    }

    /** Whether the transport is an RTP profile (formats are then payload types). */
    boolean isRtp() {
        for (String part : proto.split("/")) {
            if (part.equals("RTP")) {
                return true;
            }
        }
        return false;
    }

    /** Parses and checks an m= line, naming the line on failure. */
    static MediaLine parse(SdpLine line) {
        List<String> fields = SdpGrammar.fields(line.value());
        if (fields.size() < 4) {
            throw new SdpParseException("m= needs media, port, proto and at least one format", line.number());
        }
        String media = fields.get(0);
        if (!SdpGrammar.isToken(media)) {
            throw new SdpParseException("m= media is not a token", line.number());
        }
        String portField = fields.get(1);
        int slash = portField.indexOf('/');
        long port = SdpGrammar.unsigned(slash < 0 ? portField : portField.substring(0, slash), MAX_PORT);
        long count = slash < 0 ? 1 : SdpGrammar.unsigned(portField.substring(slash + 1), MAX_PORT);
        if (port < 0 || count < 1) {
            throw new SdpParseException("m= port is not a number in 0..65535", line.number());
        }
        String proto = fields.get(2);
        for (String part : proto.split("/", -1)) {
            if (!SdpGrammar.isToken(part)) {
                throw new SdpParseException("m= proto is not a '/'-separated list of tokens", line.number());
            }
        }
        List<String> formats = fields.subList(3, fields.size());
        MediaLine result = new MediaLine(media, (int) port, (int) count, proto, formats);
        for (String format : formats) {
            boolean ok = result.isRtp() ? SdpGrammar.unsigned(format, 127) >= 0 : SdpGrammar.isToken(format);
            if (!ok) {
                throw new SdpParseException("m= format '" + Snippet.of(format) + "' is not valid for "
                        + proto, line.number());
            }
        }
        return result;
    }
}
