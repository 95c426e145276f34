package dev.switchboard.webrtc.rtcp;

import java.util.List;

/**
 * An RTCP sender report, PT 200 (RFC 3550 §6.4.1); immutable and thread-safe.
 *
 * @param ntpTimestamp the 64-bit NTP timestamp, seconds in the upper half; any bit pattern
 * @param reports at most 31 blocks; profile-specific extensions are not kept
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> reports) implements RtcpPacket {

    public SenderReport {
        Checks.u32("ssrc", ssrc);
        Checks.u32("rtpTimestamp", rtpTimestamp);
        Checks.u32("packetCount", packetCount);
        Checks.u32("octetCount", octetCount);
        reports = Checks.list("report blocks", reports, 31);
    }

    /** The middle 32 bits of the NTP timestamp, the LSR value receivers echo (RFC 3550 §6.4.1). */
    public long compactNtp() {
        return (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
    }

    @Override
    public int packetType() {
        return RtcpPacketType.SR;
    }
}
