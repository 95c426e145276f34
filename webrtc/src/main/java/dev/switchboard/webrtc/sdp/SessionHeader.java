package dev.switchboard.webrtc.sdp;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Writes the session-level part of our offers and answers (RFC 8866 §5.1-5.10, RFC 8843 §7,
 * RFC 8445 §6.1 ice-lite); stateless and thread-safe.
 */
final class SessionHeader {

    static final String SESSION_NAME = "Switchboard";

    private SessionHeader() {
    }

    /** Writes v=, o=, s=, t= and the session attributes; an empty {@code bundleMids} means no group. */
    static SdpWriter write(RandomGenerator random, List<String> bundleMids) {
        // RFC 8866 §5.2 wants a numeric id; 63 bits keep it positive in every signed-64-bit parser.
        long sessionId = random.nextLong() & Long.MAX_VALUE;
        SdpWriter w = new SdpWriter()
                .line('v', "0")
                .line('o', "- " + sessionId + " 2 IN IP4 127.0.0.1")
                .line('s', SESSION_NAME)
                .line('t', "0 0");
        if (!bundleMids.isEmpty()) {
            w.attribute("group:BUNDLE " + String.join(" ", bundleMids));
        }
        // We only answer connectivity checks, so the browser stays the controlling agent.
        w.attribute("ice-lite");
        w.attribute("msid-semantic: WMS *");
        return w;
    }
}
