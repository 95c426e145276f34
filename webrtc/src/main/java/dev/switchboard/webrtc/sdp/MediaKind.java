package dev.switchboard.webrtc.sdp;

/**
 * The {@code <media>} field of an m= line (RFC 8866 §5.14) as far as WebRTC cares; immutable and
 * thread-safe.
 */
public enum MediaKind {
    AUDIO, VIDEO, APPLICATION, OTHER;

    /** Maps the media token; RFC 8866 registers them in lower case, so the match is exact. */
    public static MediaKind of(String media) {
        return switch (media) {
            case "audio" -> AUDIO;
            case "video" -> VIDEO;
            case "application" -> APPLICATION;
            default -> OTHER;
        };
    }
}
