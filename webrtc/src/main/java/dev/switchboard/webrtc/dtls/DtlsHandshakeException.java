package dev.switchboard.webrtc.dtls;

import java.util.Objects;

/**
 * Thrown when a DTLS-SRTP handshake (RFC 5763 §5, RFC 5764 §4) does not produce SRTP keys for an
 * authenticated peer, with a {@link Reason} to count and a message to log; immutable and
 * thread-safe.
 */
public final class DtlsHandshakeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the handshake failed; the message carries the details. */
    public enum Reason {
        /** No complete handshake within the caller's timeout (peer silent or too lossy a path). */
        TIMEOUT,
        /** The peer's certificate does not hash to the {@code a=fingerprint} of its SDP (RFC 8122 §5). */
        FINGERPRINT_MISMATCH,
        /** The peer sent no certificate, so there is nothing to compare with its fingerprint. */
        NO_CERTIFICATE,
        /** The peer offered or chose no SRTP profile we accept (RFC 5764 §4.1.1). */
        NO_COMMON_SRTP_PROFILE,
        /** The peer aborted with a fatal alert, often because it rejected our certificate. */
        ALERT_RECEIVED,
        /** {@link DtlsPacketTransport#close()} was called while the handshake ran. */
        CLOSED,
        /** The handshake thread was interrupted. */
        INTERRUPTED,
        /** Anything else: malformed or unexpected messages, no common cipher suite, send failures. */
        PROTOCOL
    }

    private final Reason reason;

    public DtlsHandshakeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
