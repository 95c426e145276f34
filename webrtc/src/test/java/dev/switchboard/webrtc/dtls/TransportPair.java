package dev.switchboard.webrtc.dtls;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Two {@link DtlsPacketTransport}s wired back to back, standing in for the shared UDP socket and
 * media thread that carry DTLS records (RFC 6347 §4.1); thread-safe, each send delivered on the
 * thread of the handshake that sends.
 */
final class TransportPair {

    final DtlsPacketTransport server;
    final DtlsPacketTransport client;

    /** A lossless, instant link. */
    TransportPair() {
        this((datagram, to) -> to.offer(datagram, 0, datagram.length));
    }

    /** A link whose client-to-server direction is left to {@code clientToServer}, e.g. to inject garbage. */
    TransportPair(BiConsumer<byte[], DtlsPacketTransport> clientToServer) {
        DtlsPacketTransport[] ends = new DtlsPacketTransport[2];
        server = new DtlsPacketTransport((buf, off, len) -> ends[1].offer(buf, off, len));
        client = new DtlsPacketTransport(
                (buf, off, len) -> clientToServer.accept(Arrays.copyOfRange(buf, off, off + len), ends[0]));
        ends[0] = server;
        ends[1] = client;
    }
}
