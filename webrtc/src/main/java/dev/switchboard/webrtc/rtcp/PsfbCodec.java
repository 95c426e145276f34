package dev.switchboard.webrtc.rtcp;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and encodes the keyframe requests among payload-specific feedback: PLI (RFC 4585
 * §6.3.1, no FCI) and FIR (RFC 5104 §4.3.1.1, 8-byte FCI entries); stateless and thread-safe.
 */
final class PsfbCodec {

    private static final int FIR_ENTRY = 8;

    private PsfbCodec() {
    }

    static PictureLossIndication parsePli(byte[] buf, int pos, int end, int base) {
        // Any FCI is ignored: RFC 4585 §6.3.1 defines none, and tolerating it costs nothing.
        if (end - pos < NackCodec.FEEDBACK_HEADER) {
            throw new RtcpParseException("PLI shorter than the feedback header", pos - base);
        }
        return new PictureLossIndication(BigEndian.u32(buf, pos), BigEndian.u32(buf, pos + 4));
    }

    static FullIntraRequest parseFir(byte[] buf, int pos, int end, int base) {
        int entries = (end - pos - NackCodec.FEEDBACK_HEADER) / FIR_ENTRY;
        if (entries < 1) {
            throw new RtcpParseException("FIR without an FCI entry", pos - base);
        }
        List<FirEntry> list = new ArrayList<>(entries);
        for (int e = 0, at = pos + NackCodec.FEEDBACK_HEADER; e < entries; e++, at += FIR_ENTRY) {
            list.add(new FirEntry(BigEndian.u32(buf, at), BigEndian.u8(buf, at + 4)));
        }
        return new FullIntraRequest(BigEndian.u32(buf, pos), BigEndian.u32(buf, pos + 4), list);
    }

    static int length(PictureLossIndication pli) {
        return 12;
    }

    static int length(FullIntraRequest fir) {
        return RtcpWriter.checkLength(12 + (long) FIR_ENTRY * fir.entries().size());
    }

    static int write(PictureLossIndication pli, byte[] buf, int off) {
        RtcpFraming.header(buf, off, false, RtcpPacketType.FMT_PLI, RtcpPacketType.PSFB, 12);
        BigEndian.put32(buf, off + 4, pli.senderSsrc());
        BigEndian.put32(buf, off + 8, pli.mediaSsrc());
        return 12;
    }

    static int write(FullIntraRequest fir, byte[] buf, int off) {
        int length = length(fir);
        RtcpFraming.header(buf, off, false, RtcpPacketType.FMT_FIR, RtcpPacketType.PSFB, length);
        BigEndian.put32(buf, off + 4, fir.senderSsrc());
        BigEndian.put32(buf, off + 8, fir.mediaSsrc());
        int at = off + 12;
        for (FirEntry entry : fir.entries()) {
            BigEndian.put32(buf, at, entry.ssrc());
            // Seq nr, then 24 reserved bits that RFC 5104 §4.3.1.1 says must be zero.
            BigEndian.put32(buf, at + 4, (long) entry.seqNr() << 24);
            at += FIR_ENTRY;
        }
        return length;
    }
}
