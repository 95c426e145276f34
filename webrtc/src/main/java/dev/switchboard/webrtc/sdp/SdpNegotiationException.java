package dev.switchboard.webrtc.sdp;

/**
 * Thrown when a well-formed description cannot be answered or accepted under the offer/answer
 * rules of RFC 3264 §6 and RFC 9429 §5 (no ICE credentials, no fingerprint, nothing acceptable,
 * an answer that does not fit its offer); immutable and thread-safe.
 */
public final class SdpNegotiationException extends RuntimeException {

    public SdpNegotiationException(String message) {
        super(message);
    }
}
