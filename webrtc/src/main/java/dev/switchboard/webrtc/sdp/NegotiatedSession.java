package dev.switchboard.webrtc.sdp;

import dev.switchboard.webrtc.dtls.Fingerprint;
import dev.switchboard.webrtc.ice.IceCredentials;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one offer/answer exchange (RFC 3264 §6, RFC 9429 §5): our SDP, the per-section
 * results and the remote transport parameters of the BUNDLE transport (RFC 8843 §7); immutable and
 * thread-safe.
 *
 * @param sdp               the local SDP text we produced (answer or offer)
 * @param remoteIce         ICE credentials of the first accepted section
 * @param remoteFingerprint DTLS fingerprint the remote certificate must match
 * @param remoteSetup       the remote {@code a=setup}: "active", "passive" or "actpass"
 */
public record NegotiatedSession(String sdp,
                                List<NegotiatedMedia> media,
                                IceCredentials remoteIce,
                                Fingerprint remoteFingerprint,
                                String remoteSetup) {

    public NegotiatedSession {
        Objects.requireNonNull(sdp, "sdp");
        Objects.requireNonNull(remoteIce, "remoteIce");
        Objects.requireNonNull(remoteFingerprint, "remoteFingerprint");
        Objects.requireNonNull(remoteSetup, "remoteSetup");
        media = List.copyOf(media);
    }
}
