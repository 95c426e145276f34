package dev.switchboard.webrtc.srtp;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/** Packets, keys and buffers the SRTP tests share; stateless apart from the caller's Random. */
final class SrtpFixtures {

    /** Headroom every test buffer gets, more than either profile's RTCP overhead. */
    static final int ROOM = 32;

    private SrtpFixtures() {
    }

    /** Parses hex, ignoring spaces, as the RFCs print it in groups. */
    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Random key material of {@code profile}, distinct for client and server. */
    static SrtpKeyMaterial keys(SrtpProfile profile, Random random) {
        byte[] exported = new byte[SrtpKeyMaterial.exporterLength(profile)];
        random.nextBytes(exported);
        return SrtpKeyMaterial.fromExporter(profile, exported);
    }

    /** The same master key and salt for both roles, as libsrtp's single-key test policies use. */
    static SrtpKeyMaterial symmetric(SrtpProfile profile, byte[] key, byte[] salt) {
        return new SrtpKeyMaterial(profile, key, key, salt, salt);
    }

    /**
     * An RTP packet with random payload: version 2, {@code csrcs} CSRCs, a one-byte-header extension
     * of {@code extensionWords} words when positive, and the padding bit with a valid padding count
     * when {@code padded}.
     */
    static byte[] rtp(int seq, int ssrc, int csrcs, int extensionWords, int payload, boolean padded, Random random) {
        int header = 12 + 4 * csrcs + (extensionWords > 0 ? 4 + 4 * extensionWords : 0);
        byte[] packet = new byte[header + payload];
        random.nextBytes(packet);
        packet[0] = (byte) (0x80 | (padded ? 0x20 : 0) | (extensionWords > 0 ? 0x10 : 0) | csrcs);
        packet[1] = (byte) 111;
        packet[2] = (byte) (seq >>> 8);
        packet[3] = (byte) seq;
        BigEndian.put32(packet, 8, ssrc);
        if (extensionWords > 0) {
            int at = 12 + 4 * csrcs;
            packet[at] = (byte) 0xBE;
            packet[at + 1] = (byte) 0xDE;
            packet[at + 2] = (byte) (extensionWords >>> 8);
            packet[at + 3] = (byte) extensionWords;
        }
        if (padded && payload > 0) {
            packet[packet.length - 1] = (byte) Math.min(payload, 4);
        }
        return packet;
    }

    /** A receiver report from {@code ssrc} with {@code body} random bytes after the 8-byte header. */
    static byte[] rtcp(int ssrc, int body, Random random) {
        byte[] packet = new byte[8 + body];
        random.nextBytes(packet);
        packet[0] = (byte) 0x81;
        packet[1] = (byte) 201;
        int words = (packet.length + 3) / 4 - 1;
        packet[2] = (byte) (words >>> 8);
        packet[3] = (byte) words;
        BigEndian.put32(packet, 4, ssrc);
        return packet;
    }

    /** Runs one in-place operation on a copy with {@link #ROOM} bytes of headroom at offset 3. */
    static Outcome run(Operation op, byte[] packet) {
        int off = 3;
        byte[] buf = new byte[off + packet.length + ROOM];
        System.arraycopy(packet, 0, buf, off, packet.length);
        int result = op.apply(buf, off, packet.length);
        byte[] bytes = result >= 0 ? Arrays.copyOfRange(buf, off, off + result) : null;
        return new Outcome(result, bytes);
    }

    /** The shape of the four {@link SrtpSession} packet methods. */
    @FunctionalInterface
    interface Operation {
        int apply(byte[] buf, int off, int len);
    }

    /** A result code and, when it is a length, the bytes it covers. */
    record Outcome(int result, byte[] bytes) {
    }
}
