package dev.switchboard.webrtc.sdp;

import java.util.List;

/**
 * Everything that goes into one accepted audio or video m-section we write (RFC 9429 §5.2.1,
 * §5.3.1); immutable and thread-safe.
 *
 * @param bandwidthKbps 0 for no b=AS line
 * @param sender        null when we do not send in this section
 */
record RtpSectionPlan(String media, String proto, String mid, List<RtpCodec> codecs,
                      List<HeaderExtension> extensions, Direction direction, int bandwidthKbps,
                      LocalSender sender, boolean rtcpRsize) {

    RtpSectionPlan {
        codecs = List.copyOf(codecs);
        extensions = List.copyOf(extensions);
    }
}
