package dev.switchboard.webrtc.rtp;

/**
 * Why {@link RtpHeader#parse} rejected a packet, one constant per RFC 3550 §5.1 / §5.3.1 rule so
 * the forwarder can count drops by reason without allocating; immutable and thread-safe.
 */
public enum RtpParseError {
    TOO_SHORT("shorter than the 12-byte fixed header"),
    BAD_VERSION("version is not 2"),
    CSRC_OVERFLOW("CSRC list runs past the end of the packet"),
    EXTENSION_OVERFLOW("header extension runs past the end of the packet"),
    BAD_PADDING("padding count is zero or larger than the payload");

    private final String description;

    RtpParseError(String description) {
        this.description = description;
    }

    /** A human-readable reason, for logs and exception messages. */
    public String description() {
        return description;
    }
}
