package dev.switchboard.webrtc.sdp;

import java.util.List;

/**
 * The value of {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC 8285 §8);
 * immutable and thread-safe. {@code direction} is null when the line has none.
 */
record Extmap(int id, Direction direction, String uri, String extensionAttributes) {

    // RFC 8285 §7 ids: 1-255 for use, 4096-4351 only as placeholders in offers.
    private static final long MAX_ID = 4351;

    /** The parsed value, or null when it does not follow the grammar. */
    static Extmap parseOrNull(String value) {
        List<String> fields = SdpGrammar.fields(value);
        if (fields.size() < 2) {
            return null;
        }
        String idPart = fields.get(0);
        Direction direction = null;
        int slash = idPart.indexOf('/');
        if (slash >= 0) {
            direction = Direction.fromAttributeName(idPart.substring(slash + 1)).orElse(null);
            if (direction == null) {
                return null;
            }
            idPart = idPart.substring(0, slash);
        }
        long id = SdpGrammar.unsigned(idPart, MAX_ID);
        String uri = fields.get(1);
        if (id < 1 || uri.isEmpty() || !SdpGrammar.isVisibleAscii(uri)) {
            return null;
        }
        String rest = String.join(" ", fields.subList(2, fields.size()));
        return new Extmap((int) id, direction, uri, rest);
    }
}
