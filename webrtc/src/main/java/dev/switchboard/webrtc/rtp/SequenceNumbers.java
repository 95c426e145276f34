package dev.switchboard.webrtc.rtp;

/**
 * Arithmetic on 16-bit RTP sequence numbers that wrap at 65536 (RFC 3550 §5.1, the serial number
 * comparison of RFC 1982 §3.2); stateless and thread-safe.
 */
public final class SequenceNumbers {

    private SequenceNumbers() {
    }

    /**
     * Whether {@code a} comes after {@code b}, taking the shorter way round the circle. Exactly
     * half-way (a difference of 32768) is undefined in RFC 1982; the larger raw value wins so
     * that {@code isNewer(a, b)} and {@code isNewer(b, a)} are never both true.
     */
    public static boolean isNewer(int a, int b) {
        int diff = (a - b) & 0xFFFF;
        if (diff == 0x8000) {
            return (a & 0xFFFF) > (b & 0xFFFF);
        }
        return diff != 0 && diff < 0x8000;
    }

    /** The signed distance from {@code b} to {@code a}, in -32768..32767. */
    public static int delta(int a, int b) {
        return (short) (a - b);
    }

    /** {@code seq + n}, wrapped to 0..65535; {@code n} may be negative. */
    public static int add(int seq, int n) {
        return (seq + n) & 0xFFFF;
    }
}
