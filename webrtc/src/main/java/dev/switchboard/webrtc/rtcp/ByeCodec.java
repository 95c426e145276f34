package dev.switchboard.webrtc.rtcp;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes and encodes BYE packets (RFC 3550 §6.6): SSRCs and an optional length-prefixed reason
 * null-padded to a 32-bit boundary; stateless and thread-safe.
 */
final class ByeCodec {

    private ByeCodec() {
    }

    static Bye parse(byte[] buf, int pos, int end, int count, int base) {
        if (4 * count > end - pos) {
            throw new RtcpParseException("BYE source count " + count + " overflows the packet", pos - base);
        }
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++, pos += 4) {
            ssrcs.add(BigEndian.u32(buf, pos));
        }
        String reason = null;
        if (pos < end) {
            int length = BigEndian.u8(buf, pos);
            if (length > end - pos - 1) {
                throw new RtcpParseException("BYE reason runs past the packet", pos - base);
            }
            reason = Utf8.decode(buf, pos + 1, length, pos - base);
        }
        return new Bye(ssrcs, reason);
    }

    static int length(Bye bye) {
        int reason = bye.reason() == null ? 0 : RtcpFraming.roundUp4(1 + Utf8.encode(bye.reason()).length);
        return 4 + 4 * bye.ssrcs().size() + reason;
    }

    static int write(Bye bye, byte[] buf, int off) {
        int length = length(bye);
        RtcpFraming.header(buf, off, false, bye.ssrcs().size(), RtcpPacketType.BYE, length);
        int pos = off + 4;
        for (long ssrc : bye.ssrcs()) {
            BigEndian.put32(buf, pos, ssrc);
            pos += 4;
        }
        if (bye.reason() != null) {
            byte[] text = Utf8.encode(bye.reason());
            buf[pos] = (byte) text.length;
            System.arraycopy(text, 0, buf, pos + 1, text.length);
            Arrays.fill(buf, pos + 1 + text.length, off + length, (byte) 0);
        }
        return length;
    }
}
