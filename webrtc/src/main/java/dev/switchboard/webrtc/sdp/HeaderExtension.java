package dev.switchboard.webrtc.sdp;

import java.util.Objects;

/**
 * One negotiated RTP header extension, {@code a=extmap:<id> <uri>} (RFC 8285 §8); immutable and
 * thread-safe.
 */
public record HeaderExtension(int id, String uri) {

    public HeaderExtension {
        Objects.requireNonNull(uri, "uri");
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("extmap id out of range 1..255: " + id);
        }
        if (uri.isEmpty() || !SdpGrammar.isVisibleAscii(uri)) {
            throw new IllegalArgumentException("extmap URI must be non-empty visible ASCII: " + uri);
        }
    }

    /** The value after {@code a=extmap:}. */
    public String toSdpValue() {
        return id + " " + uri;
    }
}
