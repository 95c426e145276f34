package dev.switchboard.webrtc.rtp;

import dev.switchboard.webrtc.bytes.BigEndian;

/**
 * Overwrites RFC 3550 §5.1 fixed-header fields in place, so the forwarder can map a publisher's
 * SSRC, payload type, sequence and timestamp spaces onto a subscriber's without copying;
 * stateless and thread-safe (the caller owns the buffer).
 *
 * <p>{@code off} must be the first byte of a packet that {@link RtpHeader#parse} accepted, so the
 * 12 fixed-header bytes exist. Sequence numbers, timestamps and SSRCs are written modulo their
 * field width, because callers compute them with offsets that are meant to wrap.
 */
public final class RtpRewriter {

    private RtpRewriter() {
    }

    public static void setMarker(byte[] buf, int off, boolean marker) {
        buf[off + 1] = (byte) (marker ? buf[off + 1] | 0x80 : buf[off + 1] & 0x7F);
    }

    /**
     * Sets the 7-bit payload type and keeps the marker bit.
     *
     * @throws IllegalArgumentException unless 0 &lt;= payloadType &lt;= 127; a larger value would
     *     silently flip the marker
     */
    public static void setPayloadType(byte[] buf, int off, int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("RTP payload type out of range 0..127: " + payloadType);
        }
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | payloadType);
    }

    /** Writes the low 16 bits of {@code sequenceNumber}. */
    public static void setSequenceNumber(byte[] buf, int off, int sequenceNumber) {
        BigEndian.put16(buf, off + 2, sequenceNumber);
    }

    /** Writes the low 32 bits of {@code timestamp}. */
    public static void setTimestamp(byte[] buf, int off, long timestamp) {
        BigEndian.put32(buf, off + 4, timestamp);
    }

    /** Writes the low 32 bits of {@code ssrc}. */
    public static void setSsrc(byte[] buf, int off, long ssrc) {
        BigEndian.put32(buf, off + 8, ssrc);
    }
}
