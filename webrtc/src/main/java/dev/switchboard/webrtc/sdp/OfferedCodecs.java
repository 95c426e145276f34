package dev.switchboard.webrtc.sdp;

import java.util.List;

/**
 * The codecs and header extensions we put into our own offers, with Chrome's usual payload-type
 * numbers so that PT rewriting between peers is rarely needed (RFC 7874 §3 Opus, RFC 7742 §5 VP8
 * and H.264); constants only, thread-safe.
 */
final class OfferedCodecs {

    private static final List<String> VIDEO_FEEDBACK = List.of("nack", "nack pli", "ccm fir", "goog-remb");

    static final RtpCodec OPUS = new RtpCodec(111, "opus", 48_000, 2, "minptime=10;useinbandfec=1", List.of());
    static final RtpCodec VP8 = new RtpCodec(96, "VP8", 90_000, 1, "", VIDEO_FEEDBACK);
    static final RtpCodec H264 = new RtpCodec(102, "H264", 90_000, 1,
            "packetization-mode=1;profile-level-id=42e01f;level-asymmetry-allowed=1", VIDEO_FEEDBACK);

    // Distinct ids across sections, as BUNDLE requires for one RTP session (RFC 8843 §9.1.3.5).
    static final List<HeaderExtension> AUDIO_EXTENSIONS = List.of(
            new HeaderExtension(1, ExtensionUris.AUDIO_LEVEL),
            new HeaderExtension(2, ExtensionUris.ABS_SEND_TIME));
    static final List<HeaderExtension> VIDEO_EXTENSIONS = List.of(
            new HeaderExtension(2, ExtensionUris.ABS_SEND_TIME),
            new HeaderExtension(3, ExtensionUris.TOFFSET));

    private OfferedCodecs() {
    }
}
