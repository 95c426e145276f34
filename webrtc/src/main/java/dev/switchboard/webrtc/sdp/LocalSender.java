package dev.switchboard.webrtc.sdp;

/**
 * The SSRC and msid we announce for one sending m-section, and their {@code a=msid} and
 * {@code a=ssrc} lines (RFC 8830 §2, RFC 5576 §4.1, RFC 7022 §4); immutable and thread-safe.
 */
record LocalSender(long ssrc, String cname, String streamId, String trackId) {

    String msidValue() {
        return streamId + " " + trackId;
    }

    /** {@code msid:<stream> <track>} */
    String msidAttribute() {
        return "msid:" + msidValue();
    }

    /** The two {@code ssrc:} attributes: cname lets the browser demultiplex by SSRC, msid binds the track. */
    String[] ssrcAttributes() {
        return new String[] {
            "ssrc:" + ssrc + " cname:" + cname,
            "ssrc:" + ssrc + " msid:" + msidValue(),
        };
    }
}
