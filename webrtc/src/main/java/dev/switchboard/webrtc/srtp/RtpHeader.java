package dev.switchboard.webrtc.srtp;

import dev.switchboard.webrtc.bytes.BigEndian;

/**
 * Reads the RTP fixed header, CSRC list and header extension (RFC 3550 §5.1, §5.3.1) far enough to
 * know where SRTP encryption starts, instead of {@link dev.switchboard.webrtc.rtp.RtpHeader}, whose
 * padding check would read the encrypted padding count and reject valid SRTP; stateless and
 * thread-safe.
 */
final class RtpHeader {

    static final int FIXED_LENGTH = 12;

    private RtpHeader() {
    }

    /**
     * The header length including CSRCs and extension, or -1 if the version is not 2 or the header
     * does not fit in {@code limit} bytes. The padding bit is not looked at: SRTP encrypts padding
     * as part of the payload.
     */
    static int length(byte[] buf, int off, int limit) {
        if (limit < FIXED_LENGTH) {
            return -1;
        }
        int first = buf[off] & 0xFF;
        if (first >>> 6 != 2) {
            return -1;
        }
        int length = FIXED_LENGTH + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (length + 4 > limit) {
                return -1;
            }
            length += 4 + 4 * BigEndian.u16(buf, off + length + 2);
        }
        return length <= limit ? length : -1;
    }

    static int sequence(byte[] buf, int off) {
        return BigEndian.u16(buf, off + 2);
    }

    static int ssrc(byte[] buf, int off) {
        return BigEndian.readInt(buf, off + 8);
    }
}
