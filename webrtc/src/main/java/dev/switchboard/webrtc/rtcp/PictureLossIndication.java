package dev.switchboard.webrtc.rtcp;

/**
 * A picture loss indication, PSFB FMT 1 (RFC 4585 §6.3.1): {@code senderSsrc} asks
 * {@code mediaSsrc} for a decodable picture; immutable and thread-safe.
 */
public record PictureLossIndication(long senderSsrc, long mediaSsrc) implements RtcpPacket {

    public PictureLossIndication {
        Checks.u32("senderSsrc", senderSsrc);
        Checks.u32("mediaSsrc", mediaSsrc);
    }

    @Override
    public int packetType() {
        return RtcpPacketType.PSFB;
    }
}
