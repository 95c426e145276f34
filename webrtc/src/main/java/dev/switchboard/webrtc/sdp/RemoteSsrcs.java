package dev.switchboard.webrtc.sdp;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the SSRCs and msid a remote announced in one m-section (RFC 5576 §4, RFC 8830 §2);
 * stateless and thread-safe.
 *
 * <p>The repair SSRC of each {@code FID} group is left out: we never negotiate RTX, so no packet
 * will carry it.
 */
final class RemoteSsrcs {

    private RemoteSsrcs() {
    }

    static List<Long> of(MediaDescription media) {
        Set<Long> repair = new HashSet<>();
        for (Attribute a : media.attributeList()) {
            if (a.name().equals("ssrc-group")) {
                SsrcGroup group = SsrcGroup.parseOrNull(a.value());
                if (group.semantics().equals("FID") && group.ssrcs().size() >= 2) {
                    repair.add(group.ssrcs().get(1));
                }
            }
        }
        Set<Long> result = new LinkedHashSet<>(media.ssrcs());
        result.removeAll(repair);
        return List.copyOf(result);
    }

    /** The a=msid value, else the msid given on an a=ssrc line (older Chrome), else "". */
    static String msid(MediaDescription media) {
        return media.attribute("msid").map(String::strip).orElseGet(() -> {
            for (Attribute a : media.attributeList()) {
                if (a.name().equals("ssrc")) {
                    SsrcAttribute s = SsrcAttribute.parseOrNull(a.value());
                    if (s.name().equals("msid")) {
                        return s.value().strip();
                    }
                }
            }
            return "";
        });
    }
}
