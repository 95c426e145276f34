package dev.switchboard.webrtc.sdp;

import java.util.Objects;

/**
 * An offer we created and the options it was made from, kept until the answer arrives
 * (RFC 3264 §5); immutable and thread-safe.
 */
public record LocalOffer(SessionDescription sdp, OfferOptions options) {

    public LocalOffer {
        Objects.requireNonNull(sdp, "sdp");
        Objects.requireNonNull(options, "options");
    }
}
