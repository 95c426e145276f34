package dev.switchboard.webrtc.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * A media direction attribute (RFC 8866 §6.7) and its offer/answer complement (RFC 3264 §6.1);
 * immutable and thread-safe.
 */
public enum Direction {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    Direction(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** The direction with the given capabilities. */
    public static Direction of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    /** Parses an attribute name such as {@code sendonly}; empty for anything else. */
    public static Optional<Direction> fromAttributeName(String name) {
        for (Direction d : values()) {
            if (d.attributeName().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** What the peer does when we do this: sendonly and recvonly swap. */
    public Direction reverse() {
        return of(receives, sends);
    }

    public boolean sends() {
        return sends;
    }

    public boolean receives() {
        return receives;
    }

    /** This direction without the capabilities we are not allowed to use. */
    public Direction narrow(boolean maySend, boolean mayReceive) {
        return of(sends && maySend, receives && mayReceive);
    }

    /** The SDP attribute name, e.g. {@code sendrecv}. */
    public String attributeName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
