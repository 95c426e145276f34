package dev.switchboard.webrtc.rtcp;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and encodes REMB (draft-alvestrand-rmcat-remb-03 §2.2): the "REMB" identifier, an SSRC
 * count, the bitrate as a 6-bit exponent and 18-bit mantissa, then the SSRCs; stateless and
 * thread-safe.
 */
final class RembCodec {

    /** "REMB" in ASCII, the unique identifier that tells REMB from other AFB messages. */
    static final int IDENTIFIER = 0x52454D42;
    static final int MAX_MANTISSA = (1 << 18) - 1;

    private static final int FIXED = NackCodec.FEEDBACK_HEADER + 8;

    private RembCodec() {
    }

    /** Whether an AFB body {@code buf[pos, end)} carries the REMB identifier. */
    static boolean isRemb(byte[] buf, int pos, int end) {
        return end - pos >= NackCodec.FEEDBACK_HEADER + 4 && BigEndian.u32(buf, pos + 8) == IDENTIFIER;
    }

    static Remb parse(byte[] buf, int pos, int end, int base) {
        if (end - pos < FIXED) {
            throw new RtcpParseException("REMB shorter than its fixed fields", pos - base);
        }
        int count = BigEndian.u8(buf, pos + 12);
        if (FIXED + 4 * count > end - pos) {
            throw new RtcpParseException("REMB SSRC count " + count + " overflows the packet", pos - base);
        }
        int exponent = BigEndian.u8(buf, pos + 13) >>> 2;
        long mantissa = (BigEndian.u8(buf, pos + 13) & 0x03L) << 16 | BigEndian.u16(buf, pos + 14);
        long bitrate = mantissa << exponent;
        if (bitrate < 0 || bitrate >> exponent != mantissa) {
            throw new RtcpParseException("REMB bitrate does not fit in 63 bits", pos + 13 - base);
        }
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0, at = pos + FIXED; i < count; i++, at += 4) {
            ssrcs.add(BigEndian.u32(buf, at));
        }
        return new Remb(BigEndian.u32(buf, pos), bitrate, ssrcs);
    }

    /**
     * The exponent and mantissa, as {@code exponent << 18 | mantissa}, of the largest encodable
     * bitrate not above {@code bitrateBps}: the smallest exponent that fits the mantissa in 18 bits.
     */
    static int encodeBitrate(long bitrateBps) {
        int exponent = 0;
        while ((bitrateBps >>> exponent) > MAX_MANTISSA) {
            exponent++;
        }
        return exponent << 18 | (int) (bitrateBps >>> exponent);
    }

    static int length(Remb remb) {
        return FIXED + 4 + 4 * remb.ssrcs().size();
    }

    static int write(Remb remb, byte[] buf, int off) {
        int length = length(remb);
        RtcpFraming.header(buf, off, false, RtcpPacketType.FMT_AFB, RtcpPacketType.PSFB, length);
        BigEndian.put32(buf, off + 4, remb.senderSsrc());
        // The draft: "SSRC of media source ... always 0", the targets being listed after the bitrate.
        BigEndian.put32(buf, off + 8, 0);
        BigEndian.put32(buf, off + 12, IDENTIFIER);
        buf[off + 16] = (byte) remb.ssrcs().size();
        BigEndian.put24(buf, off + 17, encodeBitrate(remb.bitrateBps()));
        int at = off + 20;
        for (long ssrc : remb.ssrcs()) {
            BigEndian.put32(buf, at, ssrc);
            at += 4;
        }
        return length;
    }
}
