package dev.switchboard.webrtc.rtcp;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes and encodes source description packets (RFC 3550 §6.5): chunks of an SSRC and items,
 * each chunk ended by a null octet and null-padded to a 32-bit boundary; stateless and
 * thread-safe.
 */
final class SdesCodec {

    private SdesCodec() {
    }

    static SourceDescription parse(byte[] buf, int pos, int end, int count, int base) {
        int bodyStart = pos;
        List<SdesChunk> chunks = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            if (end - pos < 4) {
                throw new RtcpParseException("SDES source count " + count + " overflows the packet", pos - base);
            }
            long ssrc = BigEndian.u32(buf, pos);
            pos += 4;
            List<SdesItem> items = new ArrayList<>();
            while (true) {
                if (pos >= end) {
                    throw new RtcpParseException("SDES chunk has no terminating null octet", pos - base);
                }
                int type = BigEndian.u8(buf, pos);
                if (type == 0) {
                    break;
                }
                if (end - pos < 2 || end - pos - 2 < BigEndian.u8(buf, pos + 1)) {
                    throw new RtcpParseException("SDES item runs past the packet", pos - base);
                }
                int length = BigEndian.u8(buf, pos + 1);
                items.add(new SdesItem(type, Utf8.decode(buf, pos + 2, length, pos - base)));
                pos += 2 + length;
            }
            // Skip the null item and the nulls that pad the chunk to a 32-bit boundary.
            pos = bodyStart + RtcpFraming.roundUp4(pos + 1 - bodyStart);
            if (pos > end) {
                throw new RtcpParseException("SDES chunk padding runs past the packet", end - base);
            }
            chunks.add(new SdesChunk(ssrc, items));
        }
        return new SourceDescription(chunks);
    }

    static int length(SourceDescription sdes) {
        long length = 4;
        for (SdesChunk chunk : sdes.chunks()) {
            length += chunkLength(chunk);
        }
        return RtcpWriter.checkLength(length);
    }

    private static long chunkLength(SdesChunk chunk) {
        long items = 0;
        for (SdesItem item : chunk.items()) {
            items += 2 + Utf8.encode(item.value()).length;
        }
        // At least one null octet ends the list, more pad to the boundary.
        return 4 + ((items + 1 + 3) & ~3L);
    }

    static int write(SourceDescription sdes, byte[] buf, int off) {
        int length = length(sdes);
        RtcpFraming.header(buf, off, false, sdes.chunks().size(), RtcpPacketType.SDES, length);
        int pos = off + 4;
        for (SdesChunk chunk : sdes.chunks()) {
            int chunkEnd = pos + (int) chunkLength(chunk);
            BigEndian.put32(buf, pos, chunk.ssrc());
            pos += 4;
            for (SdesItem item : chunk.items()) {
                byte[] text = Utf8.encode(item.value());
                buf[pos] = (byte) item.type();
                buf[pos + 1] = (byte) text.length;
                System.arraycopy(text, 0, buf, pos + 2, text.length);
                pos += 2 + text.length;
            }
            Arrays.fill(buf, pos, chunkEnd, (byte) 0);
            pos = chunkEnd;
        }
        return length;
    }
}
