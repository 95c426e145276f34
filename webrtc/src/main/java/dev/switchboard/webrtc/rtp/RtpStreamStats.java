package dev.switchboard.webrtc.rtp;

import dev.switchboard.webrtc.rtcp.ReportBlock;

/**
 * One received SSRC's statistics for RTCP reception report blocks: loss (RFC 3550 A.1, A.3),
 * interarrival jitter (A.8) and the last sender report for LSR/DLSR (§6.4.1); confined to one
 * thread.
 *
 * <p>Time is always passed in, never read from a clock, so tests are exact and the caller picks
 * the clock: packet arrival in RTP timestamp units of the stream's clock rate (for jitter), and
 * monotonic nanoseconds (for DLSR).
 */
public final class RtpStreamStats {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long ssrc;
    private final ExtendedSequence sequence;
    private int priorGeneration;
    private long expectedPrior;
    private long receivedPrior;
    private boolean haveTransit;
    private int transit;
    // Jitter times 16, the integer form of A.8, so the 1/16 gain loses no precision.
    private long jitterQ4;
    private boolean haveSr;
    private long lastSr;
    private long lastSrArrivalNanos;

    /** Statistics with RFC 3550 A.1's probation of 2 sequential packets. */
    public RtpStreamStats(long ssrc) {
        this(ssrc, ExtendedSequence.RFC_MIN_SEQUENTIAL);
    }

    /** @param minSequential see {@link ExtendedSequence#ExtendedSequence(int)} */
    public RtpStreamStats(long ssrc, int minSequential) {
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ssrc is not an unsigned 32-bit value: " + ssrc);
        }
        this.ssrc = ssrc;
        this.sequence = new ExtendedSequence(minSequential);
    }

    /**
     * Accounts for one received packet.
     *
     * @param arrivalRtpUnits the arrival time converted to the stream's RTP clock (any origin)
     * @return whether the sequence check accepted it, see {@link ExtendedSequence#update}
     */
    public boolean onPacket(int sequenceNumber, long rtpTimestamp, long arrivalRtpUnits) {
        // A.8: transit times are compared modulo 2^32, like the timestamps they derive from.
        int transitNow = (int) (arrivalRtpUnits - rtpTimestamp);
        if (haveTransit) {
            long d = Math.abs((long) (transitNow - transit));
            jitterQ4 += d - ((jitterQ4 + 8) >> 4);
        }
        transit = transitNow;
        haveTransit = true;
        return sequence.update(sequenceNumber);
    }

    /**
     * Remembers a sender report from this source for the next report block's LSR and DLSR.
     *
     * @param ntpTimestamp the SR's 64-bit NTP timestamp
     * @param arrivalNanos when it arrived, on the clock later passed to {@link #reportBlock}
     */
    public void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        lastSr = (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
        lastSrArrivalNanos = arrivalNanos;
        haveSr = true;
    }

    /**
     * The report block for this source as of {@code nowNanos}; starts a new interval for the
     * fraction lost (A.3), so call it once per report sent.
     */
    public ReportBlock reportBlock(long nowNanos) {
        if (sequence.generation() != priorGeneration) {
            // The sequence (re)started: baselines from before describe another numbering.
            priorGeneration = sequence.generation();
            expectedPrior = 0;
            receivedPrior = 0;
        }
        long expected = sequence.expected();
        long received = sequence.received();
        long expectedInterval = expected - expectedPrior;
        long lostInterval = expectedInterval - (received - receivedPrior);
        expectedPrior = expected;
        receivedPrior = received;
        int fraction = expectedInterval <= 0 || lostInterval <= 0
                ? 0
                // All lost would be 256/256; the field tops out at 255.
                : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        return new ReportBlock(ssrc, fraction, (int) clamp(cumulativeLost(), ReportBlock.MIN_CUMULATIVE_LOST,
                ReportBlock.MAX_CUMULATIVE_LOST), highestSequence(), jitter(), haveSr ? lastSr : 0,
                haveSr ? delaySinceLastSr(nowNanos) : 0);
    }

    private long delaySinceLastSr(long nowNanos) {
        long delay = Math.max(0, nowNanos - lastSrArrivalNanos);
        // In 1/65536 s; split into seconds and remainder so the multiplication cannot overflow.
        long units = (delay / NANOS_PER_SECOND) * 65536 + (delay % NANOS_PER_SECOND) * 65536 / NANOS_PER_SECOND;
        return Math.min(units, 0xFFFF_FFFFL);
    }

    public long ssrc() {
        return ssrc;
    }

    /** The extended highest sequence number, modulo 2^32 as the report block carries it. */
    public long highestSequence() {
        return sequence.extendedMax() & 0xFFFF_FFFFL;
    }

    public long packetsReceived() {
        return sequence.received();
    }

    /** Expected minus received since the sequence (re)started; negative with duplicates. */
    public long cumulativeLost() {
        return sequence.cumulativeLost();
    }

    /** Interarrival jitter in RTP timestamp units (A.8). */
    public long jitter() {
        return Math.min(jitterQ4 >> 4, 0xFFFF_FFFFL);
    }

    /** The sequence tracker, for mapping NACKed numbers to extended ones. */
    public ExtendedSequence sequence() {
        return sequence;
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
