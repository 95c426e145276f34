package dev.switchboard.webrtc.sdp;

/**
 * Upper bounds the parser enforces on untrusted descriptions before RFC 8866 §5 parsing starts, so
 * hostile input costs at most linear work; immutable and thread-safe.
 */
public record SdpLimits(int maxBytes, int maxLines, int maxLineLength, int maxMediaSections) {

    public SdpLimits {
        if (maxBytes < 1 || maxLines < 1 || maxLineLength < 1 || maxMediaSections < 0) {
            throw new IllegalArgumentException("SDP limits must be positive");
        }
    }

    /**
     * 128 KiB, 4000 lines, 8 KiB per line, 64 m-sections; a Chrome audio+video offer is about 6 KiB
     * and 150 lines, so ordinary calls stay far inside.
     */
    public static SdpLimits defaults() {
        return new SdpLimits(128 * 1024, 4000, 8 * 1024, 64);
    }
}
