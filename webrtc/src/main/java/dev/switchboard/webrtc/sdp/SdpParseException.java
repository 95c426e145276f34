package dev.switchboard.webrtc.sdp;

/**
 * Thrown when text is not a well-formed session description under RFC 8866 §5 or exceeds the
 * {@link SdpLimits}; immutable and thread-safe.
 */
public final class SdpParseException extends RuntimeException {

    private final int line;

    public SdpParseException(String message, int line) {
        super(line > 0 ? "SDP line " + line + ": " + message : "SDP: " + message);
        this.line = Math.max(0, line);
    }

    /** The 1-based number of the offending line, or 0 when the problem is not tied to one line. */
    public int line() {
        return line;
    }
}
