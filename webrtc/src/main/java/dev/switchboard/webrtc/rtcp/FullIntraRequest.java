package dev.switchboard.webrtc.rtcp;

import java.util.List;

/**
 * A full intra request, PSFB FMT 4 (RFC 5104 §4.3.1); immutable and thread-safe.
 *
 * @param mediaSsrc RFC 5104 §4.3.1.2 says senders set it to 0, the targets being in the entries
 * @param entries at least one
 */
public record FullIntraRequest(long senderSsrc, long mediaSsrc, List<FirEntry> entries) implements RtcpPacket {

    public FullIntraRequest {
        Checks.u32("senderSsrc", senderSsrc);
        Checks.u32("mediaSsrc", mediaSsrc);
        entries = Checks.list("FIR entries", entries, Integer.MAX_VALUE);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a FIR needs at least one entry");
        }
    }

    @Override
    public int packetType() {
        return RtcpPacketType.PSFB;
    }
}
