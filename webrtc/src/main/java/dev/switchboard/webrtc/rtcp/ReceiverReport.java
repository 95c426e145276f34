package dev.switchboard.webrtc.rtcp;

import java.util.List;

/**
 * An RTCP receiver report, PT 201 (RFC 3550 §6.4.2); immutable and thread-safe.
 *
 * @param reports at most 31 blocks; profile-specific extensions are not kept
 */
public record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {

    public ReceiverReport {
        Checks.u32("ssrc", ssrc);
        reports = Checks.list("report blocks", reports, 31);
    }

    @Override
    public int packetType() {
        return RtcpPacketType.RR;
    }
}
