package dev.switchboard.webrtc.sdp;

import java.util.List;

/**
 * Checks the grammar of the attributes negotiation relies on (RFC 8866 §6, RFC 4585 §4.2,
 * RFC 8285 §8, RFC 5576 §4, RFC 5888 §5, RFC 8843 §5), so that later stages can read them without
 * failing; stateless and thread-safe.
 */
final class AttributeSyntax {

    private AttributeSyntax() {
    }

    /** Rejects attribute names that are not tokens, at any level. */
    static void checkName(Attribute a) {
        if (!SdpGrammar.isToken(a.name())) {
            throw new SdpParseException("attribute name is not a token", a.line());
        }
    }

    static void checkSessionAttribute(Attribute a) {
        checkName(a);
        if (a.name().equals("group")) {
            List<String> fields = SdpGrammar.fields(a.value());
            if (!fields.stream().allMatch(SdpGrammar::isToken)) {
                throw new SdpParseException("a=group needs a semantics token and mid tokens", a.line());
            }
        }
    }

    /** Checks one media-level attribute; payload-type grammar applies only to RTP sections. */
    static void checkMediaAttribute(Attribute a, boolean rtp) {
        checkName(a);
        String v = a.value();
        boolean ok = switch (a.name()) {
            case "rtpmap" -> !rtp || Rtpmap.parseOrNull(v) != null;
            case "fmtp" -> !rtp || SdpGrammar.unsigned(SdpGrammar.head(v), 127) >= 0;
            case "rtcp-fb" -> !rtp || (isPayloadTypeOrStar(SdpGrammar.head(v)) && !SdpGrammar.tail(v).isEmpty());
            case "extmap" -> Extmap.parseOrNull(v) != null;
            case "ssrc" -> SsrcAttribute.parseOrNull(v) != null;
            case "ssrc-group" -> SsrcGroup.parseOrNull(v) != null;
            case "mid" -> SdpGrammar.isToken(v);
            default -> true;
        };
        if (!ok) {
            throw new SdpParseException("malformed a=" + a.name(), a.line());
        }
    }

    private static boolean isPayloadTypeOrStar(String s) {
        return s.equals("*") || SdpGrammar.unsigned(s, 127) >= 0;
    }
}
