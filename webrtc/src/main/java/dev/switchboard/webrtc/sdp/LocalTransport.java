package dev.switchboard.webrtc.sdp;

import dev.switchboard.webrtc.dtls.Fingerprint;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.ice.IceCredentials;
import java.util.List;

/**
 * Our transport parameters as written into every accepted m-section (RFC 8839 §5, RFC 8122 §5,
 * RFC 5763 §5); immutable and thread-safe.
 *
 * @param setup "passive" in answers (we are the DTLS server), "actpass" in offers
 */
record LocalTransport(IceCredentials ice, Fingerprint fingerprint, List<IceCandidate> candidates, String setup) {

    LocalTransport {
        candidates = List.copyOf(candidates);
    }
}
