package dev.switchboard.webrtc.sdp;

import dev.switchboard.webrtc.dtls.Fingerprint;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.ice.IceCredentials;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the local side brings to an answer (RFC 3264 §6, RFC 9429 §5.3): our transport parameters
 * and the policy of the Kurento WebRtcEndpoint we act for; immutable and thread-safe as long as
 * {@code random} is.
 *
 * @param candidates       written into every accepted m-section, followed by a=end-of-candidates
 * @param mayReceive       false for a Kurento sendonly endpoint
 * @param maySend          false for a Kurento recvonly endpoint
 * @param useDataChannels  false rejects m=application
 * @param maxAudioRecvKbps 0 = unlimited; otherwise b=AS in audio sections
 * @param maxVideoRecvKbps 0 = unlimited; otherwise b=AS in video sections
 * @param random           source of local SSRCs, track ids and the session id
 */
public record AnswerOptions(IceCredentials ice,
                            Fingerprint fingerprint,
                            List<IceCandidate> candidates,
                            boolean mayReceive, boolean maySend,
                            boolean useDataChannels,
                            int maxAudioRecvKbps, int maxVideoRecvKbps,
                            String cname, String streamId,
                            RandomGenerator random) {

    public AnswerOptions {
        candidates = LocalIdentity.checkLocal(ice, fingerprint, candidates, cname, streamId, random,
                maxAudioRecvKbps, maxVideoRecvKbps);
    }
}
