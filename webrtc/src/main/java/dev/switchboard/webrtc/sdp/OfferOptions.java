package dev.switchboard.webrtc.sdp;

import dev.switchboard.webrtc.dtls.Fingerprint;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.ice.IceCredentials;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the local side puts into an offer (RFC 3264 §5, RFC 9429 §5.2), i.e. Kurento's
 * {@code generateOffer}; immutable and thread-safe as long as {@code random} is.
 *
 * @param offerAudio whether to offer an audio m-section
 * @param offerVideo whether to offer a video m-section
 * @param random     source of local SSRCs, track ids and the session id
 */
public record OfferOptions(IceCredentials ice, Fingerprint fingerprint,
                           List<IceCandidate> candidates,
                           boolean offerAudio, boolean offerVideo, boolean mayReceive, boolean maySend,
                           int maxAudioRecvKbps, int maxVideoRecvKbps, String cname, String streamId,
                           RandomGenerator random) {

    public OfferOptions {
        candidates = LocalIdentity.checkLocal(ice, fingerprint, candidates, cname, streamId, random,
                maxAudioRecvKbps, maxVideoRecvKbps);
    }
}
