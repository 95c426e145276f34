package dev.switchboard.webrtc.rtp;

/**
 * Validates one source's sequence numbers and extends them to a wrap-free count, with the
 * probation, dropout and restart rules of RFC 3550 Appendix A.1; confined to one thread.
 *
 * <p>The code follows A.1's {@code update_seq} step by step, with one fix: A.1's in-probation test
 * {@code seq == max_seq + 1} never holds across the wrap at 65535 in C, while this class compares
 * modulo 65536. The number of sequential packets that ends probation is a constructor parameter:
 * A.1's {@code MIN_SEQUENTIAL} of 2 guards against stray packets, 1 accepts a source from its
 * first packet.
 */
public final class ExtendedSequence {

    /** A.1: a forward jump under this many is a loss gap, not a restart. */
    public static final int MAX_DROPOUT = 3000;
    /** A.1: a backward step under this many is reordering, not a restart. */
    public static final int MAX_MISORDER = 100;
    /** A.1's default number of in-order packets before a new source is believed. */
    public static final int RFC_MIN_SEQUENTIAL = 2;

    private static final int SEQ_MOD = 1 << 16;

    private final int minSequential;
    private boolean started;
    private int probation;
    private int maxSeq;
    private int baseSeq;
    private int badSeq = SEQ_MOD + 1;
    private long cycles;
    private long received;
    private int generation;

    public ExtendedSequence() {
        this(RFC_MIN_SEQUENTIAL);
    }

    /** @param minSequential in-order packets needed before the source is valid, 1 to 100 */
    public ExtendedSequence(int minSequential) {
        if (minSequential < 1 || minSequential > 100) {
            throw new IllegalArgumentException("minSequential out of range 1..100: " + minSequential);
        }
        this.minSequential = minSequential;
    }

    /**
     * Accounts for one arriving packet with sequence number {@code seq} (low 16 bits used).
     *
     * @return whether the packet counts: false while on probation and for the first packet of a
     *     suspected restart, true otherwise (duplicates and reordered packets included, as in A.1)
     */
    public boolean update(int seq) {
        seq &= 0xFFFF;
        if (!started) {
            started = true;
            initSeq(seq);
            if (minSequential == 1) {
                received++;
                return true;
            }
            maxSeq = (seq - 1) & 0xFFFF;
            probation = minSequential;
        }
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSeq(seq);
                    received++;
                    return true;
                }
            } else {
                probation = minSequential - 1;
                maxSeq = seq;
            }
            return false;
        } else if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                // Two sequential packets after a big jump: the sender restarted, so re-sync.
                initSeq(seq);
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        received++;
        return true;
    }

    private void initSeq(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        generation++;
    }

    /** Whether probation is over and the counters mean something. */
    public boolean isValid() {
        return started && probation == 0;
    }

    /** The highest sequence number seen, extended with the wrap count (A.1 {@code cycles + max_seq}). */
    public long extendedMax() {
        return cycles + maxSeq;
    }

    /** The sequence number counting started from (A.1 {@code base_seq}). */
    public int baseSeq() {
        return baseSeq;
    }

    /** Packets counted since the last (re)start, duplicates included. */
    public long received() {
        return isValid() ? received : 0;
    }

    /** Packets expected since the last (re)start (RFC 3550 A.3). */
    public long expected() {
        return isValid() ? extendedMax() - baseSeq + 1 : 0;
    }

    /** {@code expected() - received()}; negative when duplicates outnumber losses (A.3). */
    public long cumulativeLost() {
        return expected() - received();
    }

    /**
     * Increases each time counting (re)starts, so a reader of {@link #expected()} and
     * {@link #received()} knows to drop interval baselines taken before.
     */
    public int generation() {
        return generation;
    }

    /**
     * The extended value of {@code seq} closest to {@link #extendedMax()}, for mapping a NACKed
     * 16-bit number onto the wrap-free count; may be negative just after the start.
     */
    public long extend(int seq) {
        return extendedMax() + SequenceNumbers.delta(seq, maxSeq);
    }
}
