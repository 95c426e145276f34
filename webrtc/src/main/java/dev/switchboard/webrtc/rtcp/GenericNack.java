package dev.switchboard.webrtc.rtcp;

import java.util.List;

/**
 * A generic NACK, RTPFB FMT 1 (RFC 4585 §6.2.1): the sequence numbers of {@code mediaSsrc}'s
 * packets that were lost; immutable and thread-safe.
 *
 * <p>On the wire the numbers are packed into PID+BLP pairs; the writer keeps the list's order (a
 * number joins the current pair only if it lies after every number already in it), so any list,
 * duplicates and reordering included, decodes back to itself.
 *
 * @param lostSequenceNumbers at least one, each 0-65535
 */
public record GenericNack(long senderSsrc, long mediaSsrc, List<Integer> lostSequenceNumbers) implements RtcpPacket {

    public GenericNack {
        Checks.u32("senderSsrc", senderSsrc);
        Checks.u32("mediaSsrc", mediaSsrc);
        lostSequenceNumbers = Checks.list("lost sequence numbers", lostSequenceNumbers, Integer.MAX_VALUE);
        if (lostSequenceNumbers.isEmpty()) {
            throw new IllegalArgumentException("a generic NACK needs at least one sequence number");
        }
        lostSequenceNumbers.forEach(s -> Checks.range("sequence number", s, 0, 0xFFFF));
    }

    @Override
    public int packetType() {
        return RtcpPacketType.RTPFB;
    }
}
