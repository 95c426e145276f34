package dev.switchboard.webrtc.rtcp;

import java.util.List;

/**
 * An RTCP BYE, PT 203 (RFC 3550 §6.6): sources leaving, with an optional reason; immutable and
 * thread-safe.
 *
 * @param ssrcs at most 31
 * @param reason UTF-8 text of at most 255 bytes, or null when the packet carries none
 */
public record Bye(List<Long> ssrcs, String reason) implements RtcpPacket {

    public Bye {
        ssrcs = Checks.list("BYE sources", ssrcs, 31);
        ssrcs.forEach(s -> Checks.u32("ssrc", s));
        if (reason != null) {
            Checks.range("BYE reason length in UTF-8 bytes", Utf8.encode(reason).length, 0, 255);
        }
    }

    @Override
    public int packetType() {
        return RtcpPacketType.BYE;
    }
}
