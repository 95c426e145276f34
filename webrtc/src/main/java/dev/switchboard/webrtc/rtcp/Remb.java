package dev.switchboard.webrtc.rtcp;

import java.util.List;

/**
 * A receiver estimated maximum bitrate, PSFB FMT 15 with the "REMB" identifier
 * (draft-alvestrand-rmcat-remb-03 §2.2); immutable and thread-safe.
 *
 * <p>The wire format holds the bitrate as an 18-bit mantissa and a 6-bit exponent, so values
 * above 2^18 - 1 lose low bits when written: the writer rounds down, never promising more than
 * the estimate.
 *
 * @param bitrateBps non-negative
 * @param ssrcs the media sources the estimate applies to, at most 255
 */
public record Remb(long senderSsrc, long bitrateBps, List<Long> ssrcs) implements RtcpPacket {

    public Remb {
        Checks.u32("senderSsrc", senderSsrc);
        if (bitrateBps < 0) {
            throw new IllegalArgumentException("REMB bitrate is negative: " + bitrateBps);
        }
        ssrcs = Checks.list("REMB sources", ssrcs, 255);
        ssrcs.forEach(s -> Checks.u32("ssrc", s));
    }

    @Override
    public int packetType() {
        return RtcpPacketType.PSFB;
    }
}
