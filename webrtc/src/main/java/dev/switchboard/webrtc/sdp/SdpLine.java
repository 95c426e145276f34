package dev.switchboard.webrtc.sdp;

/**
 * One {@code <type>=<value>} line of a description (RFC 8866 §5) with its 1-based position in the
 * parsed text, or 0 for lines we generate; immutable and thread-safe.
 */
record SdpLine(char type, String value, int number) {

    String text() {
        return type + "=" + value;
    }
}
