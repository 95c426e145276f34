package dev.switchboard.webrtc.sdp;

/**
 * The RTP header extension URIs we negotiate (RFC 6464, RFC 5450, 3GPP TS 26.114 and WebRTC's
 * abs-send-time); constants only, thread-safe.
 */
final class ExtensionUris {

    static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    static final String TOFFSET = "urn:ietf:params:rtp-hdrext:toffset";
    static final String VIDEO_ORIENTATION = "urn:3gpp:video-orientation";

    private ExtensionUris() {
    }
}
