package dev.switchboard.webrtc.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the rtpmap, fmtp and rtcp-fb attributes of an RTP section into {@link RtpCodec}s in m= line
 * order (RFC 8866 §6.6, §6.15, RFC 4585 §4.2); stateless and thread-safe.
 *
 * <p>Formats without an rtpmap are skipped: only static payload types lack one, and WebRTC
 * negotiation never picks those. A {@code *} feedback line applies to every format.
 */
final class CodecTable {

    private CodecTable() {
    }

    static List<RtpCodec> build(List<String> formats, List<Attribute> attributes) {
        Map<Integer, Rtpmap> rtpmaps = new HashMap<>();
        Map<Integer, String> fmtps = new HashMap<>();
        Map<String, Set<String>> feedback = new HashMap<>();
        for (Attribute a : attributes) {
            switch (a.name()) {
                case "rtpmap" -> {
                    Rtpmap r = Rtpmap.parseOrNull(a.value());
                    rtpmaps.putIfAbsent(r.payloadType(), r);
                }
                case "fmtp" -> fmtps.putIfAbsent(Integer.parseInt(SdpGrammar.head(a.value())),
                        SdpGrammar.tail(a.value()));
                case "rtcp-fb" -> feedback.computeIfAbsent(SdpGrammar.head(a.value()), k -> new LinkedHashSet<>())
                        .add(SdpGrammar.tail(a.value()));
                default -> {
                    // Not part of a codec description.
                }
            }
        }
        List<RtpCodec> codecs = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (String format : formats) {
            int pt = Integer.parseInt(format);
            Rtpmap r = rtpmaps.get(pt);
            if (r == null || !seen.add(pt)) {
                continue;
            }
            Set<String> fb = new LinkedHashSet<>(feedback.getOrDefault("*", Set.of()));
            fb.addAll(feedback.getOrDefault(format, Set.of()));
            codecs.add(new RtpCodec(pt, r.name(), r.clockRate(), r.channels(),
                    fmtps.getOrDefault(pt, ""), List.copyOf(fb)));
        }
        return List.copyOf(codecs);
    }
}
