package dev.switchboard.webrtc.rtp;

import java.util.Objects;

/**
 * Thrown by the non-hot-path entry points when bytes are not an RTP packet under RFC 3550 §5.1;
 * immutable and thread-safe.
 */
public final class RtpParseException extends RuntimeException {

    private final RtpParseError error;

    public RtpParseException(RtpParseError error) {
        super("RTP: " + Objects.requireNonNull(error, "error").description());
        this.error = error;
    }

    /** The rule the packet broke. */
    public RtpParseError error() {
        return error;
    }
}
