package dev.switchboard.webrtc.sdp;

import java.util.List;
import java.util.Optional;

/**
 * Finds the single direction attribute of a session or media section (RFC 8866 §6.7, where a
 * media-level one overrides the session-level one); stateless and thread-safe.
 */
final class DirectionAttribute {

    private DirectionAttribute() {
    }

    /** The direction given by {@code lines}, if any; two of them are contradictory and rejected. */
    static Optional<Direction> find(List<SdpLine> lines) {
        Direction found = null;
        for (SdpLine line : lines) {
            if (line.type() != 'a') {
                continue;
            }
            Optional<Direction> d = Direction.fromAttributeName(line.value());
            if (d.isPresent()) {
                if (found != null) {
                    throw new SdpParseException("more than one direction attribute", line.number());
                }
                found = d.get();
            }
        }
        return Optional.ofNullable(found);
    }
}
