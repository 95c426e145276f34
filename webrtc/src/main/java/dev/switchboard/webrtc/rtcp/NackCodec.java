package dev.switchboard.webrtc.rtcp;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and encodes generic NACKs (RFC 4585 §6.2.1): each FCI entry is a packet ID and a bitmask
 * of the 16 following lost packets; stateless and thread-safe.
 */
final class NackCodec {

    /** The common feedback header (RFC 4585 §6.1) after the RTCP header: sender and media SSRC. */
    static final int FEEDBACK_HEADER = 8;

    private NackCodec() {
    }

    static GenericNack parse(byte[] buf, int pos, int end, int base) {
        int entries = (end - pos - FEEDBACK_HEADER) / 4;
        if (entries < 1) {
            throw new RtcpParseException("generic NACK without an FCI entry", pos - base);
        }
        List<Integer> lost = new ArrayList<>(entries);
        for (int e = 0, at = pos + FEEDBACK_HEADER; e < entries; e++, at += 4) {
            int pid = BigEndian.u16(buf, at);
            int blp = BigEndian.u16(buf, at + 2);
            lost.add(pid);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    lost.add((pid + bit + 1) & 0xFFFF);
                }
            }
        }
        return new GenericNack(BigEndian.u32(buf, pos), BigEndian.u32(buf, pos + 4), lost);
    }

    static int length(GenericNack nack) {
        return RtcpWriter.checkLength(4 + FEEDBACK_HEADER + 4L * pack(nack.lostSequenceNumbers(), null, 0));
    }

    static int write(GenericNack nack, byte[] buf, int off) {
        int length = length(nack);
        RtcpFraming.header(buf, off, false, RtcpPacketType.FMT_GENERIC_NACK, RtcpPacketType.RTPFB, length);
        BigEndian.put32(buf, off + 4, nack.senderSsrc());
        BigEndian.put32(buf, off + 8, nack.mediaSsrc());
        pack(nack.lostSequenceNumbers(), buf, off + 12);
        return length;
    }

    /**
     * Packs the numbers into PID+BLP entries at {@code buf[pos]}, or only counts them when
     * {@code buf} is null. A number joins the current entry only when it lies after every number
     * already in it, so decoding, which lists each entry's bits in ascending order, gives back the
     * list in its original order.
     */
    private static int pack(List<Integer> seqs, byte[] buf, int pos) {
        int entries = 0;
        int pid = -1;
        int blp = 0;
        int lastOffset = 0;
        for (int seq : seqs) {
            int offset = (seq - pid) & 0xFFFF;
            if (pid >= 0 && offset > lastOffset && offset <= 16) {
                blp |= 1 << (offset - 1);
                lastOffset = offset;
                continue;
            }
            if (pid >= 0) {
                put(buf, pos + 4 * (entries - 1), pid, blp);
            }
            pid = seq;
            blp = 0;
            lastOffset = 0;
            entries++;
        }
        put(buf, pos + 4 * (entries - 1), pid, blp);
        return entries;
    }

    private static void put(byte[] buf, int at, int pid, int blp) {
        if (buf != null) {
            BigEndian.put16(buf, at, pid);
            BigEndian.put16(buf, at + 2, blp);
        }
    }
}
