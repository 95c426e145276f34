package dev.switchboard.webrtc.sdp;

import dev.switchboard.webrtc.dtls.Fingerprint;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.ice.IceCredentials;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Checks the local parameters we write into SDP: the CNAME and stream id of {@code a=ssrc} and {@code a=msid} lines
 * (RFC 7022 §4, RFC 8830 §2); stateless and thread-safe.
 */
final class LocalIdentity {

    private static final int MAX_MSID_ID_LENGTH = 64;
    private static final int MAX_CNAME_LENGTH = 255;

    private LocalIdentity() {
    }

    static void check(String cname, String streamId) {
        if (cname.isEmpty() || cname.length() > MAX_CNAME_LENGTH || !SdpGrammar.isVisibleAscii(cname)) {
            throw new IllegalArgumentException("cname must be 1 to 255 visible ASCII characters");
        }
        // RFC 8830 msid-id: 1*64token-char.
        if (streamId.length() > MAX_MSID_ID_LENGTH || !SdpGrammar.isToken(streamId)) {
            throw new IllegalArgumentException("streamId must be 1 to 64 token characters");
        }
    }

    static void checkKbps(int audio, int video) {
        if (audio < 0 || video < 0) {
            throw new IllegalArgumentException("bandwidth limits must be >= 0 (0 = unlimited)");
        }
    }

    /**
     * The checks every set of local parameters needs, shared by {@link AnswerOptions} and
     * {@link OfferOptions}; returns an immutable copy of the candidates.
     */
    static List<IceCandidate> checkLocal(
            IceCredentials ice, Fingerprint fingerprint,
            List<IceCandidate> candidates, String cname, String streamId,
            RandomGenerator random, int maxAudioRecvKbps, int maxVideoRecvKbps) {
        Objects.requireNonNull(ice, "ice");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(cname, "cname");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(random, "random");
        check(cname, streamId);
        checkKbps(maxAudioRecvKbps, maxVideoRecvKbps);
        return List.copyOf(candidates);
    }
}
