package dev.switchboard.webrtc.stun;

/**
 * Thrown when a datagram is not a well-formed STUN message under RFC 8489 §5 and §14; immutable
 * and thread-safe.
 *
 * <p>Unchecked, like {@code SdpParseException}. It carries no stack trace: the rate at which it
 * is thrown is chosen by whoever sends us garbage, and the message alone names the problem.
 */
public final class StunParseException extends RuntimeException {

    public StunParseException(String message) {
        super("STUN: " + message, null, false, false);
    }
}
