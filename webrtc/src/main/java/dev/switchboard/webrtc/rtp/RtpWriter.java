package dev.switchboard.webrtc.rtp;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A reusable builder that writes RTP packets (RFC 3550 §5.1, RFC 8285 §4.2/§4.3 extensions) into a
 * caller's buffer, for tests and the synthetic load generator; confined to one thread.
 *
 * <p>Set the fields once and change only the sequence number and timestamp per packet: writing
 * does not allocate. Extensions use the one-byte form when every id is 1-14 with 1-16 data bytes,
 * the two-byte form (profile 0x1000) otherwise, and are zero-padded to a 32-bit boundary.
 */
public final class RtpWriter {

    private int payloadType;
    private boolean marker;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private long[] csrcs = new long[0];
    private int padding;
    private final List<Integer> extensionIds = new ArrayList<>();
    private final List<byte[]> extensionData = new ArrayList<>();

    public RtpWriter payloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("RTP payload type out of range 0..127: " + payloadType);
        }
        this.payloadType = payloadType;
        return this;
    }

    public RtpWriter marker(boolean marker) {
        this.marker = marker;
        return this;
    }

    /** Only the low 16 bits are written. */
    public RtpWriter sequenceNumber(int sequenceNumber) {
        this.sequenceNumber = sequenceNumber & 0xFFFF;
        return this;
    }

    /** Only the low 32 bits are written. */
    public RtpWriter timestamp(long timestamp) {
        this.timestamp = timestamp & 0xFFFF_FFFFL;
        return this;
    }

    /** Only the low 32 bits are written. */
    public RtpWriter ssrc(long ssrc) {
        this.ssrc = ssrc & 0xFFFF_FFFFL;
        return this;
    }

    /** At most 15, the width of the CC field; only the low 32 bits of each are written. */
    public RtpWriter csrcs(long... csrcs) {
        if (csrcs.length > 15) {
            throw new IllegalArgumentException("at most 15 CSRCs, got " + csrcs.length);
        }
        this.csrcs = csrcs.clone();
        return this;
    }

    /** Padding bytes to append, 0 (no P bit) to 255; the last one holds the count. */
    public RtpWriter padding(int padding) {
        if (padding < 0 || padding > 255) {
            throw new IllegalArgumentException("RTP padding out of range 0..255: " + padding);
        }
        this.padding = padding;
        return this;
    }

    /** Adds an element with id 1-255 and 0-255 data bytes (copied). */
    public RtpWriter extension(int id, byte[] data) {
        Objects.requireNonNull(data, "data");
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("extension id out of range 1..255: " + id);
        }
        if (data.length > 255) {
            throw new IllegalArgumentException("extension data longer than 255 bytes: " + data.length);
        }
        extensionIds.add(id);
        extensionData.add(data.clone());
        if (roundUp4(extensionElementBytes()) / 4 > 0xFFFF) {
            // The block's length field counts 32-bit words in 16 bits.
            extensionIds.removeLast();
            extensionData.removeLast();
            throw new IllegalArgumentException("extension block would exceed 65535 words");
        }
        return this;
    }

    public RtpWriter clearExtensions() {
        extensionIds.clear();
        extensionData.clear();
        return this;
    }

    /** Bytes {@link #writeHeader} writes: fixed header, CSRCs and extension block. */
    public int headerLength() {
        int elements = extensionElementBytes();
        return RtpHeader.FIXED_HEADER_LENGTH + 4 * csrcs.length + (elements < 0 ? 0 : 4 + roundUp4(elements));
    }

    /**
     * Writes the header at {@code buf[off]}; the P bit is set when padding is configured, so
     * finish the packet with {@link #write} rather than appending a payload by hand.
     *
     * @return the header length
     * @throws IndexOutOfBoundsException if the header does not fit
     */
    public int writeHeader(byte[] buf, int off) {
        int headerLength = headerLength();
        Objects.checkFromIndexSize(off, headerLength, buf.length);
        boolean hasExtension = !extensionIds.isEmpty();
        buf[off] = (byte) (RtpHeader.VERSION << 6 | (padding > 0 ? 0x20 : 0) | (hasExtension ? 0x10 : 0)
                | csrcs.length);
        buf[off + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        BigEndian.put16(buf, off + 2, sequenceNumber);
        BigEndian.put32(buf, off + 4, timestamp);
        BigEndian.put32(buf, off + 8, ssrc);
        int pos = off + RtpHeader.FIXED_HEADER_LENGTH;
        for (long csrc : csrcs) {
            BigEndian.put32(buf, pos, csrc);
            pos += 4;
        }
        if (hasExtension) {
            pos = writeExtensions(buf, pos, off + headerLength);
        }
        return headerLength;
    }

    /**
     * Writes header, payload and padding at {@code buf[off]}.
     *
     * @return the packet length
     * @throws IndexOutOfBoundsException if the packet does not fit or the payload range is bad
     */
    public int write(byte[] buf, int off, byte[] payload, int payloadOff, int payloadLen) {
        Objects.checkFromIndexSize(payloadOff, payloadLen, payload.length);
        int total = headerLength() + payloadLen + padding;
        Objects.checkFromIndexSize(off, total, buf.length);
        int pos = off + writeHeader(buf, off);
        System.arraycopy(payload, payloadOff, buf, pos, payloadLen);
        pos += payloadLen;
        if (padding > 0) {
            Arrays.fill(buf, pos, pos + padding - 1, (byte) 0);
            buf[pos + padding - 1] = (byte) padding;
        }
        return total;
    }

    private int writeExtensions(byte[] buf, int pos, int end) {
        boolean oneByte = oneByteForm();
        BigEndian.put16(buf, pos, oneByte ? ExtensionElements.ONE_BYTE_PROFILE : ExtensionElements.TWO_BYTE_PROFILE);
        BigEndian.put16(buf, pos + 2, roundUp4(extensionElementBytes()) / 4);
        pos += 4;
        for (int i = 0; i < extensionIds.size(); i++) {
            int id = extensionIds.get(i);
            byte[] data = extensionData.get(i);
            if (oneByte) {
                buf[pos++] = (byte) (id << 4 | (data.length - 1));
            } else {
                buf[pos++] = (byte) id;
                buf[pos++] = (byte) data.length;
            }
            System.arraycopy(data, 0, buf, pos, data.length);
            pos += data.length;
        }
        Arrays.fill(buf, pos, end, (byte) 0);
        return end;
    }

    /** Element bytes before block padding, or -1 when there are no extensions. */
    private int extensionElementBytes() {
        if (extensionIds.isEmpty()) {
            return -1;
        }
        int idBytes = oneByteForm() ? 1 : 2;
        int total = 0;
        for (byte[] data : extensionData) {
            total += idBytes + data.length;
        }
        return total;
    }

    private boolean oneByteForm() {
        for (int i = 0; i < extensionIds.size(); i++) {
            int length = extensionData.get(i).length;
            if (extensionIds.get(i) > 14 || length < 1 || length > 16) {
                return false;
            }
        }
        return true;
    }

    private static int roundUp4(int n) {
        return (n + 3) & ~3;
    }
}
