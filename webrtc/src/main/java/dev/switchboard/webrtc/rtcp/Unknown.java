package dev.switchboard.webrtc.rtcp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An RTCP packet of a type or FMT this package does not decode (APP, XR, transport-wide
 * feedback...), kept whole so compound packets can be forwarded (RFC 3550 §6.1); immutable and
 * thread-safe.
 *
 * @param fmt the 5-bit count/FMT field
 * @param body the bytes after the 4-byte common header, padding removed; copied in and out
 */
public record Unknown(int packetType, int fmt, byte[] body) implements RtcpPacket {

    public Unknown {
        Checks.range("packetType", packetType, 0, 255);
        Checks.range("fmt", fmt, 0, 31);
        body = Objects.requireNonNull(body, "body").clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body length without copying it. */
    public int bodyLength() {
        return body.length;
    }

    byte[] bodyUnsafe() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unknown u && u.packetType == packetType && u.fmt == fmt && Arrays.equals(u.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * packetType + fmt) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(body, 0, Math.min(body.length, 64));
        return "Unknown[packetType=" + packetType + ", fmt=" + fmt + ", body=" + hex
                + (body.length > 64 ? "...(" + body.length + " bytes)" : "") + "]";
    }
}
