package dev.switchboard.webrtc.srtp;

import dev.switchboard.webrtc.bytes.BigEndian;

/**
 * Reads the part of the first RTCP header (RFC 3550 §6.4) that SRTCP uses: the version and the
 * sender SSRC that selects the crypto context (RFC 3711 §3.4), instead of
 * {@link dev.switchboard.webrtc.rtcp.RtcpScanner}, which would walk length fields and padding that
 * SRTCP has encrypted; stateless and thread-safe.
 */
final class RtcpHeader {

    /** The header SRTCP leaves unencrypted: V/P/count, packet type, length and SSRC. */
    static final int LENGTH = 8;

    private RtcpHeader() {
    }

    /** Whether the first {@link #LENGTH} bytes fit in {@code limit} and carry version 2. */
    static boolean isValid(byte[] buf, int off, int limit) {
        return limit >= LENGTH && (buf[off] & 0xC0) == 0x80;
    }

    static int ssrc(byte[] buf, int off) {
        return BigEndian.readInt(buf, off + 4);
    }
}
