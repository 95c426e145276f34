package dev.switchboard.webrtc.rtcp;

/**
 * One FCI entry of a full intra request (RFC 5104 §4.3.1.1): the media sender asked and the
 * request's 8-bit command sequence number; immutable and thread-safe.
 */
public record FirEntry(long ssrc, int seqNr) {

    public FirEntry {
        Checks.u32("ssrc", ssrc);
        Checks.range("FIR sequence number", seqNr, 0, 255);
    }
}
