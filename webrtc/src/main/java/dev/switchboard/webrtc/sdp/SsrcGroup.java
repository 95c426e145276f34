package dev.switchboard.webrtc.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The value of {@code a=ssrc-group:<semantics> <ssrc-id>...} (RFC 5576 §4.2); immutable and
 * thread-safe.
 */
record SsrcGroup(String semantics, List<Long> ssrcs) {

    SsrcGroup {
        ssrcs = List.copyOf(ssrcs);
    }

    /** The parsed value, or null when it does not follow the grammar. */
    static SsrcGroup parseOrNull(String value) {
        List<String> fields = SdpGrammar.fields(value);
        if (fields.size() < 2 || !SdpGrammar.isToken(fields.get(0))) {
            return null;
        }
        List<Long> ssrcs = new ArrayList<>();
        for (String field : fields.subList(1, fields.size())) {
            long ssrc = SdpGrammar.unsigned(field, SsrcAttribute.MAX_SSRC);
            if (ssrc < 0) {
                return null;
            }
            ssrcs.add(ssrc);
        }
        return new SsrcGroup(fields.get(0), ssrcs);
    }
}
