package dev.switchboard.webrtc.rtcp;

/**
 * Thrown when bytes are not a well-formed RTCP compound packet under RFC 3550 §6.4 and the
 * feedback formats of RFC 4585 §6 and RFC 5104 §4.3; immutable and thread-safe.
 */
public final class RtcpParseException extends RuntimeException {

    private final int offset;

    public RtcpParseException(String message, int offset) {
        super("RTCP at byte " + Math.max(0, offset) + ": " + message);
        this.offset = Math.max(0, offset);
    }

    /** Where in the compound packet the problem was found, counted from its first byte. */
    public int offset() {
        return offset;
    }
}
