package dev.switchboard.webrtc.ice;

import java.util.Objects;

/**
 * What {@link IceLiteResponder} decided about one Binding request (RFC 8445 §7.3); immutable and
 * thread-safe, except that nobody may modify the byte arrays handed out.
 */
public sealed interface BindingOutcome {

    /**
     * The check was valid: send {@code response} back to the sender; {@code useCandidate} says the
     * controlling agent nominated this pair, {@code priority} is the PRIORITY it sent.
     */
    record Answered(byte[] response, boolean useCandidate, long priority) implements BindingOutcome {
        public Answered {
            Objects.requireNonNull(response, "response");
        }
    }

    /** The check was refused: send {@code errorResponse} back; {@code errorCode} is its ERROR-CODE. */
    record Rejected(byte[] errorResponse, int errorCode, String reason) implements BindingOutcome {
        public Rejected {
            Objects.requireNonNull(errorResponse, "errorResponse");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Nothing is sent back; the caller counts the drop under {@code reason}. */
    record Dropped(String reason) implements BindingOutcome {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
