package dev.switchboard.webrtc.rtcp;

import java.util.List;

/**
 * An RTCP source description, PT 202 (RFC 3550 §6.5), with at most 31 chunks; immutable and
 * thread-safe.
 */
public record SourceDescription(List<SdesChunk> chunks) implements RtcpPacket {

    public SourceDescription {
        chunks = Checks.list("SDES chunks", chunks, 31);
    }

    @Override
    public int packetType() {
        return RtcpPacketType.SDES;
    }
}
