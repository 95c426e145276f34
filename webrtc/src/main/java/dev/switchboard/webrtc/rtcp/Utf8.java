package dev.switchboard.webrtc.rtcp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for SDES items and BYE reasons (RFC 3550 §6.5, §6.6 require UTF-8), so a decoded
 * string encodes back to exactly the bytes it came from; stateless and thread-safe.
 */
final class Utf8 {

    private Utf8() {
    }

    /** @throws RtcpParseException when the bytes are not well-formed UTF-8 */
    static String decode(byte[] buf, int off, int len, int errorOffset) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(buf, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw new RtcpParseException("text is not valid UTF-8", errorOffset);
        }
    }

    static byte[] encode(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
