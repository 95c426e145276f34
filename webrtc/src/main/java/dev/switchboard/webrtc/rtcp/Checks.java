package dev.switchboard.webrtc.rtcp;

import java.util.List;
import java.util.Objects;

/**
 * Argument checks shared by the RTCP records so every field fits its RFC 3550 §6.4 wire width;
 * stateless and thread-safe.
 */
final class Checks {

    private Checks() {
    }

    static long u32(String what, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " is not an unsigned 32-bit value: " + value);
        }
        return value;
    }

    static int range(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " out of range " + min + ".." + max + ": " + value);
        }
        return value;
    }

    /** An immutable copy of {@code list}, which must have at most {@code max} non-null elements. */
    static <T> List<T> list(String what, List<T> list, int max) {
        Objects.requireNonNull(list, what);
        List<T> copy = List.copyOf(list);
        if (copy.size() > max) {
            throw new IllegalArgumentException("more than " + max + " " + what + ": " + copy.size());
        }
        return copy;
    }
}
