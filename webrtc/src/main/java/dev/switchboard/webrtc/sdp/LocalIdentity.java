package dev.switchboard.webrtc.sdp;

/**
 * Checks the CNAME and stream id we write into {@code a=ssrc} and {@code a=msid} lines
 * (RFC 7022 §4, RFC 8830 §2); stateless and thread-safe.
 */
final class LocalIdentity {

    private static final int MAX_MSID_ID_LENGTH = 64;
    private static final int MAX_CNAME_LENGTH = 255;

    private LocalIdentity() {
    }

    static void check(String cname, String streamId) {
        if (cname.isEmpty() || cname.length() > MAX_CNAME_LENGTH || !SdpGrammar.isVisibleAscii(cname)) {
            throw new IllegalArgumentException("cname must be 1 to 255 visible ASCII characters");
        }
        // RFC 8830 msid-id: 1*64token-char.
        if (streamId.length() > MAX_MSID_ID_LENGTH || !SdpGrammar.isToken(streamId)) {
            throw new IllegalArgumentException("streamId must be 1 to 64 token characters");
        }
    }

    static void checkKbps(int audio, int video) {
        if (audio < 0 || video < 0) {
            throw new IllegalArgumentException("bandwidth limits must be >= 0 (0 = unlimited)");
        }
    }
}
