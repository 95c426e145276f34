package dev.switchboard.webrtc.rtcp;

import java.util.Objects;

/**
 * One SDES item (RFC 3550 §6.5): a type 1-255 and UTF-8 text of at most 255 bytes; immutable and
 * thread-safe. PRIV items (§6.5.8) keep their prefix-length octet as the first character.
 */
public record SdesItem(int type, String value) {

    public static final int CNAME = 1;
    public static final int NAME = 2;
    public static final int EMAIL = 3;
    public static final int PHONE = 4;
    public static final int LOC = 5;
    public static final int TOOL = 6;
    public static final int NOTE = 7;
    public static final int PRIV = 8;

    public SdesItem {
        // Type 0 is the end-of-list marker on the wire, not an item.
        Checks.range("SDES item type", type, 1, 255);
        Objects.requireNonNull(value, "value");
        Checks.range("SDES item length in UTF-8 bytes", Utf8.encode(value).length, 0, 255);
    }
}
