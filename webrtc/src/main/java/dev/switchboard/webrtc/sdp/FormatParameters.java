package dev.switchboard.webrtc.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code key=value;key=value} form most payload formats use for {@code a=fmtp}
 * (RFC 8866 §6.15 leaves the syntax to each format); stateless and thread-safe.
 */
final class FormatParameters {

    private FormatParameters() {
    }

    /** Keys are lower-cased; entries without '=' map to "", later duplicates are ignored. */
    static Map<String, String> parse(String fmtp) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String part : fmtp.split(";")) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String key = (eq < 0 ? entry : entry.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : entry.substring(eq + 1).strip();
            result.putIfAbsent(key, value);
        }
        return Collections.unmodifiableMap(result);
    }
}
