package dev.switchboard.webrtc.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the offered header extensions an SFU that forwards packets unchanged can honour, keeping
 * the offer's ids as RFC 8285 §6 requires of an answer; stateless and thread-safe.
 *
 * <p>sdes:mid, rtp-stream-id and repaired-rtp-stream-id are left out because forwarded packets
 * would carry the publisher's values, which a subscriber drops; transport-wide-cc is left out
 * because it obliges us to send feedback for every packet.
 */
final class ExtensionFilter {

    private static final Set<String> ACCEPTED = Set.of(ExtensionUris.AUDIO_LEVEL,
            ExtensionUris.ABS_SEND_TIME, ExtensionUris.TOFFSET, ExtensionUris.VIDEO_ORIENTATION);

    // Without a=extmap-allow-mixed in our SDP only the one-byte header form (ids 1-14) is usable.
    private static final int MAX_ONE_BYTE_ID = 14;

    private ExtensionFilter() {
    }

    static List<HeaderExtension> accept(MediaDescription media) {
        List<HeaderExtension> result = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        Set<String> uris = new HashSet<>();
        for (Attribute a : media.attributeList()) {
            if (!a.name().equals("extmap")) {
                continue;
            }
            Extmap e = Extmap.parseOrNull(a.value());
            // A directional extmap would need a matching direction in the answer; none of ours needs one.
            boolean usable = (e.direction() == null || e.direction() == Direction.SENDRECV)
                    && e.id() <= MAX_ONE_BYTE_ID && ACCEPTED.contains(e.uri());
            if (usable && ids.add(e.id()) && uris.add(e.uri())) {
                result.add(new HeaderExtension(e.id(), e.uri()));
            }
        }
        return List.copyOf(result);
    }
}
