package dev.switchboard.webrtc.srtp;

/**
 * The negative results {@link SrtpSession}'s protect and unprotect methods return instead of a
 * length (RFC 3711 §3.3 lists the checks behind them); constants only, thread-safe.
 *
 * <p>Codes rather than exceptions because a hostile or broken peer decides how often these happen:
 * building an exception with a stack trace per dropped packet would let it buy our CPU cheaply.
 */
public final class SrtpResult {

    /** The authentication tag does not match: forged, corrupted, or protected under other keys. */
    public static final int AUTH_FAILED = -1;
    /**
     * The packet index was already seen or is older than the 64-packet replay window. On the sending
     * side: this index was already protected, and protecting it again would reuse a nonce.
     */
    public static final int REPLAYED = -2;
    /** Too short for its header and tag, wrong version, or a CSRC count or extension overrunning it. */
    public static final int MALFORMED = -3;
    /** A new SSRC while the per-direction stream table is full; see {@link SrtpSession}. */
    public static final int TOO_MANY_SSRCS = -4;
    /** The caller's buffer lacks the headroom after the packet for the tag (protect only). */
    public static final int BUFFER_TOO_SMALL = -5;
    /** The stream has used up its 48-bit SRTP or 31-bit SRTCP index space: the keys must be replaced. */
    public static final int INDEX_EXHAUSTED = -6;

    private SrtpResult() {
    }

    /** Whether a protect or unprotect result is one of these codes rather than a length. */
    public static boolean isError(int result) {
        return result < 0;
    }

    /** The constant's name for logs, or the number itself for a length. */
    public static String describe(int result) {
        return switch (result) {
            case AUTH_FAILED -> "AUTH_FAILED";
            case REPLAYED -> "REPLAYED";
            case MALFORMED -> "MALFORMED";
            case TOO_MANY_SSRCS -> "TOO_MANY_SSRCS";
            case BUFFER_TOO_SMALL -> "BUFFER_TOO_SMALL";
            case INDEX_EXHAUSTED -> "INDEX_EXHAUSTED";
            default -> Integer.toString(result);
        };
    }
}
