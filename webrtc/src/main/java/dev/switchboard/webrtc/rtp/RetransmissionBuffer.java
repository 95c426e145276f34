package dev.switchboard.webrtc.rtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fixed-size ring of one SSRC's recently sent RTP packets, keyed by sequence number, from which
 * NACKed packets (RFC 4585 §6.2.1) are copied out for retransmission; confined to one thread.
 *
 * <h2>Memory</h2>
 * At most {@code capacity × maxPacketSize} bytes of packet storage plus 12 bytes of bookkeeping
 * per slot, 768 KiB with the defaults (512 × 1500). Slot arrays are allocated the first time a
 * packet lands in them, so a low-rate audio stream never pays for all slots, and never again:
 * storing does not allocate once warm. Packets larger than {@code maxPacketSize} are not stored.
 *
 * <h2>Keys</h2>
 * Sequence numbers are extended against the newest stored one, and each slot remembers the
 * extended number of its packet, so a lookup can never return a packet from an earlier wrap or one
 * that a newer packet has overwritten. A packet more than {@code capacity} behind the newest is
 * taken as a sequence restart (a sender that re-randomized its numbers): the buffer is emptied
 * and starts over from it, because otherwise every later packet of the restarted stream would look
 * too old and be refused.
 */
public final class RetransmissionBuffer {

    public static final int DEFAULT_CAPACITY = 512;
    public static final int DEFAULT_MAX_PACKET_SIZE = 1500;

    private static final long EMPTY = Long.MIN_VALUE;

    private final int capacity;
    private final int mask;
    private final int maxPacketSize;
    private final byte[][] slots;
    private final int[] lengths;
    private final long[] keys;
    private boolean empty = true;
    private long newest;

    public RetransmissionBuffer() {
        this(DEFAULT_CAPACITY, DEFAULT_MAX_PACKET_SIZE);
    }

    /**
     * @param capacity slots, a power of two from 16 to 32768 (half the sequence space, so that
     *     extended numbers stay unambiguous)
     * @param maxPacketSize the largest packet kept, 12 to 65535 bytes
     */
    public RetransmissionBuffer(int capacity, int maxPacketSize) {
        if (capacity < 16 || capacity > 32768 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two in 16..32768: " + capacity);
        }
        if (maxPacketSize < RtpHeader.FIXED_HEADER_LENGTH || maxPacketSize > 65535) {
            throw new IllegalArgumentException("maxPacketSize out of range 12..65535: " + maxPacketSize);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.maxPacketSize = maxPacketSize;
        this.slots = new byte[capacity][];
        this.lengths = new int[capacity];
        this.keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
    }

    /**
     * Copies the packet {@code buf[off, off + len)} with sequence number {@code seq} (low 16 bits
     * used) into its slot, replacing whatever the slot held.
     *
     * @return false when the packet is larger than {@code maxPacketSize} and was not stored
     * @throws IndexOutOfBoundsException if the range is not inside {@code buf}
     */
    public boolean store(int seq, byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len > maxPacketSize) {
            return false;
        }
        long key;
        if (empty) {
            key = seq & 0xFFFF;
        } else {
            key = extend(seq);
            if (newest - key >= capacity) {
                clear();
                key = seq & 0xFFFF;
            }
        }
        if (empty || key > newest) {
            newest = key;
            empty = false;
        }
        int slot = (int) key & mask;
        byte[] dst = slots[slot];
        if (dst == null) {
            dst = new byte[maxPacketSize];
            slots[slot] = dst;
        }
        System.arraycopy(buf, off, dst, 0, len);
        lengths[slot] = len;
        keys[slot] = key;
        return true;
    }

    /**
     * Copies the packet with sequence number {@code seq} to {@code dst[dstOff]}.
     *
     * @return its length, or -1 when it was never stored, has been overwritten or is too old
     * @throws IndexOutOfBoundsException if the packet does not fit in {@code dst}
     */
    public int copyOut(int seq, byte[] dst, int dstOff) {
        int slot = find(seq);
        if (slot < 0) {
            return -1;
        }
        int len = lengths[slot];
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        System.arraycopy(slots[slot], 0, dst, dstOff, len);
        return len;
    }

    /** Whether {@link #copyOut} would find {@code seq}. */
    public boolean contains(int seq) {
        return find(seq) >= 0;
    }

    /** Forgets every packet; keeps the slot arrays for reuse. */
    public void clear() {
        Arrays.fill(keys, EMPTY);
        empty = true;
    }

    public int capacity() {
        return capacity;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    private int find(int seq) {
        if (empty) {
            return -1;
        }
        long key = extend(seq);
        int slot = (int) key & mask;
        return keys[slot] == key ? slot : -1;
    }

    private long extend(int seq) {
        return newest + SequenceNumbers.delta(seq, (int) newest);
    }
}
