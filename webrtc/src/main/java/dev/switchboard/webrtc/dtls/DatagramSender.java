package dev.switchboard.webrtc.dtls;

import java.io.IOException;

/**
 * Where a {@link DtlsPacketTransport} puts the DTLS records it sends (RFC 6347 §4.1: one or more
 * records per datagram), typically a write to the shared media socket addressed to the peer;
 * called on the handshake thread, and on whichever thread sends application data afterwards.
 */
@FunctionalInterface
public interface DatagramSender {

    /**
     * Sends {@code len} bytes of {@code buf} from {@code off} as one datagram; must not keep a
     * reference to {@code buf}, which the DTLS stack reuses.
     *
     * @throws IOException when the datagram cannot be sent; it fails the handshake
     */
    void send(byte[] buf, int off, int len) throws IOException;
}
