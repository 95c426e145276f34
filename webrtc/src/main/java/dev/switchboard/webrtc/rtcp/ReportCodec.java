package dev.switchboard.webrtc.rtcp;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and encodes sender and receiver reports and their report blocks (RFC 3550 §6.4.1,
 * §6.4.2); stateless and thread-safe.
 *
 * <p>Decoders get the packet body (after the 4-byte header, padding removed) as
 * {@code buf[pos, end)} and {@code base}, the compound's first index, for error offsets.
 */
final class ReportCodec {

    static final int BLOCK_LENGTH = 24;
    private static final int SENDER_INFO_LENGTH = 24;

    private ReportCodec() {
    }

    static SenderReport parseSenderReport(byte[] buf, int pos, int end, int count, int base) {
        if (SENDER_INFO_LENGTH + count * BLOCK_LENGTH > end - pos) {
            throw new RtcpParseException("SR report count " + count + " overflows the packet", pos - base);
        }
        long ssrc = BigEndian.u32(buf, pos);
        long ntp = BigEndian.u64(buf, pos + 4);
        long rtp = BigEndian.u32(buf, pos + 12);
        long packets = BigEndian.u32(buf, pos + 16);
        long octets = BigEndian.u32(buf, pos + 20);
        return new SenderReport(ssrc, ntp, rtp, packets, octets, blocks(buf, pos + SENDER_INFO_LENGTH, count));
    }

    static ReceiverReport parseReceiverReport(byte[] buf, int pos, int end, int count, int base) {
        if (4 + count * BLOCK_LENGTH > end - pos) {
            throw new RtcpParseException("RR report count " + count + " overflows the packet", pos - base);
        }
        return new ReceiverReport(BigEndian.u32(buf, pos), blocks(buf, pos + 4, count));
    }

    private static List<ReportBlock> blocks(byte[] buf, int pos, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++, pos += BLOCK_LENGTH) {
            // Cumulative lost is a signed 24-bit field: shift it to the top and back to sign-extend.
            int cumulative = (int) (BigEndian.u32(buf, pos + 4) << 8) >> 8;
            blocks.add(new ReportBlock(BigEndian.u32(buf, pos), BigEndian.u8(buf, pos + 4), cumulative,
                    BigEndian.u32(buf, pos + 8), BigEndian.u32(buf, pos + 12), BigEndian.u32(buf, pos + 16),
                    BigEndian.u32(buf, pos + 20)));
        }
        return blocks;
    }

    static int length(SenderReport sr) {
        return 4 + SENDER_INFO_LENGTH + BLOCK_LENGTH * sr.reports().size();
    }

    static int length(ReceiverReport rr) {
        return 8 + BLOCK_LENGTH * rr.reports().size();
    }

    static int write(SenderReport sr, byte[] buf, int off) {
        int length = length(sr);
        RtcpFraming.header(buf, off, false, sr.reports().size(), RtcpPacketType.SR, length);
        BigEndian.put32(buf, off + 4, sr.ssrc());
        BigEndian.put64(buf, off + 8, sr.ntpTimestamp());
        BigEndian.put32(buf, off + 16, sr.rtpTimestamp());
        BigEndian.put32(buf, off + 20, sr.packetCount());
        BigEndian.put32(buf, off + 24, sr.octetCount());
        writeBlocks(sr.reports(), buf, off + 28);
        return length;
    }

    static int write(ReceiverReport rr, byte[] buf, int off) {
        int length = length(rr);
        RtcpFraming.header(buf, off, false, rr.reports().size(), RtcpPacketType.RR, length);
        BigEndian.put32(buf, off + 4, rr.ssrc());
        writeBlocks(rr.reports(), buf, off + 8);
        return length;
    }

    private static void writeBlocks(List<ReportBlock> blocks, byte[] buf, int pos) {
        for (ReportBlock b : blocks) {
            BigEndian.put32(buf, pos, b.ssrc());
            buf[pos + 4] = (byte) b.fractionLost();
            BigEndian.put24(buf, pos + 5, b.cumulativeLost());
            BigEndian.put32(buf, pos + 8, b.highestSeq());
            BigEndian.put32(buf, pos + 12, b.jitter());
            BigEndian.put32(buf, pos + 16, b.lastSr());
            BigEndian.put32(buf, pos + 20, b.delaySinceLastSr());
            pos += BLOCK_LENGTH;
        }
    }
}
