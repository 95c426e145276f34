package dev.switchboard.webrtc.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code a=mid} of every m-section, which JSEP requires and BUNDLE relies on
 * (RFC 9429 §5.2.1, RFC 8843 §9.1); stateless and thread-safe.
 */
final class Mids {

    private Mids() {
    }

    /**
     * One mid per m-section, in order.
     *
     * @throws SdpNegotiationException when a section has none or two sections share one
     */
    static List<String> require(SessionDescription sdp, String role) {
        List<String> mids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            String mid = sdp.media().get(i).mid();
            if (mid == null) {
                throw new SdpNegotiationException(role + " m-section " + i + " has no a=mid");
            }
            if (!seen.add(mid)) {
                throw new SdpNegotiationException(role + " uses a=mid:" + Snippet.of(mid) + " twice");
            }
            mids.add(mid);
        }
        return mids;
    }
}
