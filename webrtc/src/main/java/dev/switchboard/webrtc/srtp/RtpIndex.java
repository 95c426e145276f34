package dev.switchboard.webrtc.srtp;

/**
 * Guesses the 48-bit SRTP packet index (rollover counter and sequence number) of an RTP packet from
 * the highest index seen so far, as RFC 3711 §3.3.1 and Appendix A describe; stateless and
 * thread-safe.
 */
final class RtpIndex {

    /** Largest index: a 32-bit ROC above the 16-bit sequence number (RFC 3711 §3.3.1). */
    static final long MAX = (1L << 48) - 1;

    private static final int HALF = 1 << 15;

    private RtpIndex() {
    }

    /**
     * The index of a packet with sequence number {@code seq}: the candidate closest to the highest
     * index in {@code window}, or {@code seq} itself (ROC 0, as DTLS-SRTP starts) for the first packet
     * of a stream. Negative when the packet would lie before ROC 0, above {@link #MAX} when the ROC
     * would pass 32 bits.
     */
    static long estimate(ReplayWindow window, int seq) {
        if (window == null || window.isEmpty()) {
            return seq;
        }
        long highest = window.highest();
        long roc = highest >>> 16;
        int sl = (int) (highest & 0xFFFF);
        long v;
        // Appendix A verbatim, including its tie rule at exactly half the sequence space.
        if (sl < HALF) {
            v = seq - sl > HALF ? roc - 1 : roc;
        } else {
            v = sl - HALF > seq ? roc + 1 : roc;
        }
        return v < 0 ? -1 : v << 16 | seq;
    }

    /**
     * The {@link #estimate} for {@code seq} if it may be used now, else {@link SrtpResult#INDEX_EXHAUSTED}
     * or {@link SrtpResult#REPLAYED}: the one rule for both directions, because the sender estimates
     * like a receiver and must never use an index twice.
     */
    static long fresh(ReplayWindow window, int seq) {
        long index = estimate(window, seq);
        if (index > MAX) {
            return SrtpResult.INDEX_EXHAUSTED;
        }
        if (index < 0 || window != null && !window.isFresh(index)) {
            return SrtpResult.REPLAYED;
        }
        return index;
    }
}
