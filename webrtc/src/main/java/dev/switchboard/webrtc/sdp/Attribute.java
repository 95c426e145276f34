package dev.switchboard.webrtc.sdp;

/**
 * One {@code a=<name>[:<value>]} line split into name and value (RFC 8866 §5.13); immutable and
 * thread-safe. Flag attributes have the value "".
 */
record Attribute(String name, String value, int line) {

    static Attribute of(SdpLine line) {
        String text = line.value();
        int colon = text.indexOf(':');
        return colon < 0 ? new Attribute(text, "", line.number())
                : new Attribute(text.substring(0, colon), text.substring(colon + 1), line.number());
    }
}
