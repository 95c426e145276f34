package dev.switchboard.webrtc.stun;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Encodes and decodes the value of XOR-MAPPED-ADDRESS (RFC 8489 §14.2); stateless and thread-safe.
 *
 * <p>The XOR exists so that NATs rewriting addresses they find in payloads leave this one alone.
 */
final class XorAddress {

    static final int FAMILY_IPV4 = 0x01;
    static final int FAMILY_IPV6 = 0x02;
    static final int IPV4_VALUE_LENGTH = 8;
    static final int IPV6_VALUE_LENGTH = 20;

    private XorAddress() {
    }

    /**
     * Decodes the value at {@code buf[at..at+length)} of the message starting at {@code messageStart}
     * (the cookie and transaction id there are the XOR key).
     */
    static InetSocketAddress decode(byte[] buf, int messageStart, int at, int length) {
        if (length != IPV4_VALUE_LENGTH && length != IPV6_VALUE_LENGTH) {
            throw new StunParseException("XOR-MAPPED-ADDRESS has length " + length + ", expected 8 or 20");
        }
        int family = buf[at + 1] & 0xFF;
        int expectedLength = family == FAMILY_IPV4 ? IPV4_VALUE_LENGTH : family == FAMILY_IPV6 ? IPV6_VALUE_LENGTH : -1;
        if (expectedLength != length) {
            throw new StunParseException("XOR-MAPPED-ADDRESS family " + family + " does not fit length " + length);
        }
        int port = (((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF)) ^ (StunMessage.MAGIC_COOKIE >>> 16);
        byte[] address = new byte[length - 4];
        for (int i = 0; i < address.length; i++) {
            // The key is the cookie followed by the transaction id: bytes 4.. of the header.
            address[i] = (byte) (buf[at + 4 + i] ^ buf[messageStart + 4 + i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new StunParseException("XOR-MAPPED-ADDRESS: " + e.getMessage());
        }
    }

    /** The attribute value for {@code address}, XORed with the cookie and {@code transactionId}. */
    static byte[] encode(InetSocketAddress address, byte[] transactionId) {
        Objects.requireNonNull(address, "address");
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("XOR-MAPPED-ADDRESS needs a resolved address: " + address);
        }
        byte[] raw = ip.getAddress();
        int family = ip instanceof Inet4Address ? FAMILY_IPV4 : ip instanceof Inet6Address ? FAMILY_IPV6 : -1;
        if (family < 0) {
            throw new IllegalArgumentException("unsupported address family: " + ip);
        }
        byte[] key = new byte[16];
        writeCookie(key);
        System.arraycopy(transactionId, 0, key, 4, StunMessage.TRANSACTION_ID_LENGTH);
        byte[] value = new byte[4 + raw.length];
        value[1] = (byte) family;
        int port = address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16);
        value[2] = (byte) (port >>> 8);
        value[3] = (byte) port;
        for (int i = 0; i < raw.length; i++) {
            value[4 + i] = (byte) (raw[i] ^ key[i]);
        }
        return value;
    }

    private static void writeCookie(byte[] out) {
        out[0] = (byte) (StunMessage.MAGIC_COOKIE >>> 24);
        out[1] = (byte) (StunMessage.MAGIC_COOKIE >>> 16);
        out[2] = (byte) (StunMessage.MAGIC_COOKIE >>> 8);
        out[3] = (byte) StunMessage.MAGIC_COOKIE;
    }
}
