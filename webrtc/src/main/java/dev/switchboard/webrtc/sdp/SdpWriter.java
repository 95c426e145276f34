package dev.switchboard.webrtc.sdp;

/**
 * Accumulates SDP lines with CRLF ends (RFC 8866 §5); not thread-safe, use one per description.
 */
final class SdpWriter {

    private final StringBuilder text = new StringBuilder(2048);

    SdpWriter line(char type, String value) {
        text.append(type).append('=').append(value).append("\r\n");
        return this;
    }

    SdpWriter attribute(String value) {
        return line('a', value);
    }

    SdpWriter append(SdpWriter other) {
        text.append(other.text);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
