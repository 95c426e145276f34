package dev.switchboard.webrtc.rtp;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.util.Objects;

/**
 * A reusable, mutable view of one RTP packet's fixed header, CSRC list, header extension and
 * padding (RFC 3550 §5.1 and §5.3.1, RFC 8285 §4) over the caller's buffer, parsed in place without
 * allocation; confined to one thread.
 *
 * <p>One instance is meant to be reused for every packet the forwarding thread handles. The view
 * keeps a reference to the buffer: the fixed-header getters read the bytes on each call, so they
 * reflect {@link RtpRewriter} changes, while the layout (lengths and offsets) is fixed at
 * {@link #parse} time. All offsets returned are indices into that buffer, not relative to the
 * packet start. Getters throw {@link IllegalStateException} unless the last parse succeeded, so a
 * dropped packet can never be half-read.
 */
public final class RtpHeader {

    /** RFC 3550 §5.1: V, P, X, CC, M, PT, sequence number, timestamp and SSRC. */
    public static final int FIXED_HEADER_LENGTH = 12;
    public static final int VERSION = 2;

    private static final byte[] NO_BYTES = new byte[0];

    private byte[] buf = NO_BYTES;
    private int off;
    private int len;
    private boolean valid;
    private RtpParseError error;
    private int headerLength;
    private int paddingLength;
    private int extensionProfile = -1;
    private int extensionOffset;
    private int extensionLength;
    private int foundExtensionLength = -1;

    /**
     * Points this view at {@code buf[off, off + len)} and checks the RFC 3550 §5.1 layout:
     * version 2, the CSRC list and the extension block inside the packet, and a padding count of
     * 1 up to the bytes left after the header.
     *
     * @return false when the packet is malformed; {@link #error()} says why
     * @throws IndexOutOfBoundsException if the range is not inside {@code buf} (a caller bug, not
     *     bad input)
     */
    public boolean parse(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.valid = false;
        this.foundExtensionLength = -1;
        if (len < FIXED_HEADER_LENGTH) {
            return fail(RtpParseError.TOO_SHORT);
        }
        int b0 = buf[off] & 0xFF;
        if (b0 >>> 6 != VERSION) {
            return fail(RtpParseError.BAD_VERSION);
        }
        int pos = FIXED_HEADER_LENGTH + 4 * (b0 & 0x0F);
        if (pos > len) {
            return fail(RtpParseError.CSRC_OVERFLOW);
        }
        int profile = -1;
        int extOffset = 0;
        int extLength = 0;
        if ((b0 & 0x10) != 0) {
            if (pos + 4 > len) {
                return fail(RtpParseError.EXTENSION_OVERFLOW);
            }
            profile = BigEndian.u16(buf, off + pos);
            extLength = 4 * BigEndian.u16(buf, off + pos + 2);
            extOffset = off + pos + 4;
            pos += 4 + extLength;
            if (pos > len) {
                return fail(RtpParseError.EXTENSION_OVERFLOW);
            }
        }
        int padding = 0;
        if ((b0 & 0x20) != 0) {
            // The count includes itself, so 0 is impossible; padding-only packets (probes) are fine.
            padding = buf[off + len - 1] & 0xFF;
            if (padding == 0 || padding > len - pos) {
                return fail(RtpParseError.BAD_PADDING);
            }
        }
        this.headerLength = pos;
        this.paddingLength = padding;
        this.extensionProfile = profile;
        this.extensionOffset = extOffset;
        this.extensionLength = extLength;
        this.error = null;
        this.valid = true;
        return true;
    }

    /**
     * Like {@link #parse} for callers off the hot path that prefer an exception.
     *
     * @throws RtpParseException when the packet is malformed
     */
    public RtpHeader parseOrThrow(byte[] buf, int off, int len) {
        if (!parse(buf, off, len)) {
            throw new RtpParseException(error);
        }
        return this;
    }

    private boolean fail(RtpParseError reason) {
        this.error = reason;
        return false;
    }

    /** Whether the last {@link #parse} succeeded. */
    public boolean isValid() {
        return valid;
    }

    /** Why the last {@link #parse} failed, or null when it succeeded or none ran yet. */
    public RtpParseError error() {
        return error;
    }

    /** The buffer the view reads; the same array that was passed to {@link #parse}. */
    public byte[] buffer() {
        requireValid();
        return buf;
    }

    /** Index of the packet's first byte in {@link #buffer()}. */
    public int offset() {
        requireValid();
        return off;
    }

    /** The whole packet's length, including padding. */
    public int length() {
        requireValid();
        return len;
    }

    public int version() {
        requireValid();
        return (buf[off] & 0xFF) >>> 6;
    }

    public boolean padding() {
        requireValid();
        return (buf[off] & 0x20) != 0;
    }

    public boolean extension() {
        requireValid();
        return (buf[off] & 0x10) != 0;
    }

    public int csrcCount() {
        requireValid();
        return buf[off] & 0x0F;
    }

    public boolean marker() {
        requireValid();
        return (buf[off + 1] & 0x80) != 0;
    }

    public int payloadType() {
        requireValid();
        return buf[off + 1] & 0x7F;
    }

    public int sequenceNumber() {
        requireValid();
        return BigEndian.u16(buf, off + 2);
    }

    /** The 32-bit RTP timestamp as a non-negative long. */
    public long timestamp() {
        requireValid();
        return BigEndian.u32(buf, off + 4);
    }

    /** The 32-bit SSRC as a non-negative long. */
    public long ssrc() {
        requireValid();
        return BigEndian.u32(buf, off + 8);
    }

    /** The CSRC at {@code index}, 0 up to {@link #csrcCount()} exclusive. */
    public long csrc(int index) {
        requireValid();
        Objects.checkIndex(index, csrcCount());
        return BigEndian.u32(buf, off + FIXED_HEADER_LENGTH + 4 * index);
    }

    /** Bytes from the packet start to the payload: fixed header, CSRCs and extension block. */
    public int headerLength() {
        requireValid();
        return headerLength;
    }

    /** Index of the first payload byte in {@link #buffer()}. */
    public int payloadOffset() {
        requireValid();
        return off + headerLength;
    }

    /** Payload bytes, excluding padding; 0 for padding-only packets. */
    public int payloadLength() {
        requireValid();
        return len - headerLength - paddingLength;
    }

    /** Padding bytes at the end, including the count byte; 0 when the P bit is clear. */
    public int paddingLength() {
        requireValid();
        return paddingLength;
    }

    /**
     * The 16-bit "defined by profile" value of the extension (0xBEDE for the RFC 8285 one-byte
     * form, 0x100X for the two-byte form), or -1 when the X bit is clear.
     */
    public int extensionProfile() {
        requireValid();
        return extensionProfile;
    }

    /** Index in {@link #buffer()} of the extension block's first element byte (after its 4-byte header). */
    public int extensionOffset() {
        requireValid();
        return extensionOffset;
    }

    /** Length of the extension block's element bytes, a multiple of 4; 0 without extension. */
    public int extensionLength() {
        requireValid();
        return extensionLength;
    }

    /**
     * Finds the RFC 8285 element with local identifier {@code id} (1-14 in the one-byte form,
     * 1-255 in the two-byte form) and returns the index of its data in {@link #buffer()}, or -1
     * when the packet has no such element or no RFC 8285 extension; {@link #foundExtensionLength()}
     * then gives the data length. Elements after a one-byte ID 15 or a malformed element are not
     * searched, as RFC 8285 §4.2 requires.
     */
    public int findExtension(int id) {
        requireValid();
        foundExtensionLength = -1;
        int idBytes = extensionProfile < 0 ? 0 : ExtensionElements.idBytes(extensionProfile);
        if (idBytes == 0 || id < 1 || id > 255) {
            return -1;
        }
        int pos = extensionOffset;
        int end = extensionOffset + extensionLength;
        while (true) {
            long element = ExtensionElements.next(buf, pos, end, idBytes);
            if (element < 0) {
                return -1;
            }
            int dataOffset = ExtensionElements.dataOffset(element);
            int dataLength = ExtensionElements.dataLength(element);
            if (ExtensionElements.id(element) == id) {
                foundExtensionLength = dataLength;
                return dataOffset;
            }
            pos = dataOffset + dataLength;
        }
    }

    /** The data length of the element the last {@link #findExtension} found, or -1 if it found none. */
    public int foundExtensionLength() {
        return foundExtensionLength;
    }

    private void requireValid() {
        if (!valid) {
            throw new IllegalStateException("no successfully parsed RTP packet");
        }
    }

    @Override
    public String toString() {
        if (!valid) {
            return "RtpHeader[invalid" + (error == null ? "" : ": " + error) + "]";
        }
        return "RtpHeader[pt=" + payloadType() + ", seq=" + sequenceNumber() + ", ts=" + timestamp()
                + ", ssrc=" + ssrc() + ", marker=" + marker() + ", header=" + headerLength
                + ", payload=" + payloadLength() + ", padding=" + paddingLength + "]";
    }
}
