package dev.switchboard.webrtc.rtcp;

import java.util.List;

/**
 * The SDES items describing one SSRC or CSRC (RFC 3550 §6.5); immutable and thread-safe.
 */
public record SdesChunk(long ssrc, List<SdesItem> items) {

    public SdesChunk {
        Checks.u32("ssrc", ssrc);
        items = Checks.list("SDES items", items, Integer.MAX_VALUE);
    }
}
