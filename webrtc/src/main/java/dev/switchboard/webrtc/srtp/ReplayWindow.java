package dev.switchboard.webrtc.srtp;

/**
 * The highest packet index of one SSRC and a 64-packet bitmask of the indices below it already
 * accepted (RFC 3711 §3.3.2); owned by the thread that owns its session half, not thread-safe.
 *
 * <p>RTP indices are 48 bits (ROC and sequence number), SRTCP indices 31 bits; both fit a long.
 * The sending side keeps one too, to refuse protecting an index twice.
 */
final class ReplayWindow {

    /** RFC 3711 §3.3.2 asks for at least 64; one long holds exactly that. */
    static final int SIZE = 64;

    private long highest = -1;
    // Bit k set: index (highest - k) was accepted.
    private long seen;

    boolean isEmpty() {
        return highest < 0;
    }

    /** The highest accepted index, or -1 before the first. */
    long highest() {
        return highest;
    }

    /** Whether {@code index} is neither accepted already nor older than the window. */
    boolean isFresh(long index) {
        if (index > highest) {
            return true;
        }
        long age = highest - index;
        return age < SIZE && (seen & 1L << age) == 0;
    }

    /** Records {@code index} as accepted; call only after {@link #isFresh} and authentication. */
    void accept(long index) {
        if (index > highest) {
            long shift = index - highest;
            seen = highest < 0 || shift >= SIZE ? 1L : seen << shift | 1L;
            highest = index;
        } else {
            seen |= 1L << (highest - index);
        }
    }
}
