package dev.switchboard.webrtc.rtcp;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.util.Objects;

/**
 * An allocation-free iterator over the packets of an RTCP compound packet (RFC 3550 §6.1, §6.4.1
 * common header; RFC 4585 §6.1 feedback header) that exposes each packet's type, FMT, offset and
 * length, so the forwarder can find PLI, FIR and NACK without building records; reusable and
 * confined to one thread.
 *
 * <pre>{@code
 * scanner.reset(buf, off, len);
 * while (scanner.next()) {
 *     if (scanner.packetType() == RtcpPacketType.PSFB && scanner.fmt() == RtcpPacketType.FMT_PLI) ...
 * }
 * if (scanner.error() != null) dropped++;
 * }</pre>
 *
 * Framing is checked exactly as {@link RtcpParser} checks it: version 2, each length field inside
 * the compound, a padding count of 1 up to the packet's body, no trailing bytes, and at most
 * {@link #MAX_PACKETS} packets. Packets before a framing error have already been returned, so a
 * caller that must not act on a damaged compound checks {@link #error()} before acting.
 */
public final class RtcpScanner {

    /**
     * More packets than a compound ever needs: an SR or RR, SDES and a few feedback messages.
     * Bounds the work a hostile datagram costs.
     */
    public static final int MAX_PACKETS = 32;

    private static final int HEADER = 4;
    private static final byte[] NO_BYTES = new byte[0];

    private byte[] buf = NO_BYTES;
    private int start;
    private int end;
    private int pos;
    private int count;
    private int packetOffset;
    private int packetLength;
    private int paddingLength;
    private String error;
    private int errorOffset;

    /**
     * Starts scanning {@code buf[off, off + len)}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code buf}
     */
    public RtcpScanner reset(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        this.buf = buf;
        this.start = off;
        this.end = off + len;
        this.pos = off;
        this.count = 0;
        this.packetOffset = -1;
        this.packetLength = 0;
        this.paddingLength = 0;
        this.error = null;
        this.errorOffset = 0;
        return this;
    }

    /**
     * Advances to the next packet.
     *
     * @return false at the end of the compound or on a framing error ({@link #error()} non-null)
     */
    public boolean next() {
        if (error != null || pos >= end) {
            packetOffset = -1;
            return false;
        }
        if (end - pos < HEADER) {
            return fail("trailing bytes shorter than an RTCP header");
        }
        if (count == MAX_PACKETS) {
            return fail("more than " + MAX_PACKETS + " packets in one compound");
        }
        int b0 = buf[pos] & 0xFF;
        if (b0 >>> 6 != 2) {
            return fail("version is not 2");
        }
        int length = 4 * (BigEndian.u16(buf, pos + 2) + 1);
        if (length > end - pos) {
            return fail("length field runs past the end of the compound");
        }
        int padding = 0;
        if ((b0 & 0x20) != 0) {
            padding = buf[pos + length - 1] & 0xFF;
            if (padding == 0 || padding > length - HEADER) {
                return fail("padding count is zero or larger than the packet body");
            }
        }
        packetOffset = pos;
        packetLength = length;
        paddingLength = padding;
        pos += length;
        count++;
        return true;
    }

    private boolean fail(String reason) {
        error = reason;
        errorOffset = pos - start;
        packetOffset = -1;
        return false;
    }

    /** The packet type octet of the current packet. */
    public int packetType() {
        requireCurrent();
        return buf[packetOffset + 1] & 0xFF;
    }

    /** The 5-bit FMT of feedback packets, which is the report or source count for SR, RR, SDES and BYE. */
    public int fmt() {
        requireCurrent();
        return buf[packetOffset] & 0x1F;
    }

    /** Index of the current packet's first byte in the scanned buffer. */
    public int offset() {
        requireCurrent();
        return packetOffset;
    }

    /** The current packet's length in bytes as its length field states, padding included. */
    public int length() {
        requireCurrent();
        return packetLength;
    }

    /** Padding bytes at the end of the current packet; 0 when its P bit is clear. */
    public int paddingLength() {
        requireCurrent();
        return paddingLength;
    }

    /** The first SSRC after the header (sender of a report or of feedback), or -1 if the packet is too short. */
    public long senderSsrc() {
        requireCurrent();
        return packetLength - paddingLength >= 8 ? BigEndian.u32(buf, packetOffset + 4) : -1;
    }

    /** The feedback "SSRC of media source" (RFC 4585 §6.1), or -1 if the packet is too short. */
    public long mediaSsrc() {
        requireCurrent();
        return packetLength - paddingLength >= 12 ? BigEndian.u32(buf, packetOffset + 8) : -1;
    }

    /** Packets returned so far. */
    public int packetCount() {
        return count;
    }

    /** Why scanning stopped early, or null if it did not (yet). */
    public String error() {
        return error;
    }

    /** Where the framing error was found, counted from the compound's first byte. */
    public int errorOffset() {
        return errorOffset;
    }

    private void requireCurrent() {
        if (packetOffset < 0) {
            throw new IllegalStateException("no current RTCP packet");
        }
    }
}
