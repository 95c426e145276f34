package dev.switchboard.medianode.media.transport;

import dev.switchboard.webrtc.dtls.DtlsCertificate;
import dev.switchboard.webrtc.dtls.DtlsHandshake;
import dev.switchboard.webrtc.dtls.DtlsHandshakeException;
import dev.switchboard.webrtc.dtls.DtlsPacketTransport;
import dev.switchboard.webrtc.dtls.DtlsResult;
import dev.switchboard.webrtc.dtls.DtlsRole;
import dev.switchboard.webrtc.dtls.Fingerprint;
import dev.switchboard.webrtc.srtp.SrtpProfile;
import dev.switchboard.webrtc.srtp.SrtpSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint's DTLS-SRTP association (RFC 5764 §4): BouncyCastle's handshake is blocking, so it
 * runs on its own virtual thread fed from the media thread through a bounded queue, and hands
 * the derived SRTP session back to the media thread. After the handshake the thread keeps reading
 * so the peer's retransmitted final flight and close_notify are still answered.
 */
final class DtlsLink {
  private static final Logger LOG = LoggerFactory.getLogger(DtlsLink.class);
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
  private static final DtlsHandshake HANDSHAKES = new DtlsHandshake(Clock.systemUTC());

  private final String name;
  private final DtlsRole role;
  private final DtlsCertificate certificate;
  private final Fingerprint remoteFingerprint;
  private final MediaLoop loop;
  private final DtlsPacketTransport transport;
  private volatile InetSocketAddress peer;
  private Consumer<SrtpSession> onConnected = s -> { };
  private Runnable onFailed = () -> { };
  private Thread thread;
  private volatile boolean closed;

  DtlsLink(String name, DtlsRole role, DtlsCertificate certificate, Fingerprint remoteFingerprint, MediaLoop loop) {
    this.name = name;
    this.role = role;
    this.certificate = certificate;
    this.remoteFingerprint = remoteFingerprint;
    this.loop = loop;
    this.transport = new DtlsPacketTransport(this::sendToPeer);
  }

  void onOutcome(Consumer<SrtpSession> connected, Runnable failed) {
    this.onConnected = connected;
    this.onFailed = failed;
  }

  void setPeer(InetSocketAddress address) {
    this.peer = address;
  }

  /** The client role starts once ICE has a pair; the server role waits for the ClientHello. */
  void onIceConnected() {
    if (role == DtlsRole.CLIENT) {
      start();
    }
  }

  boolean started() {
    return thread != null;
  }

  /** Whether the association takes no more records: released, or BouncyCastle closed it after a failure. */
  boolean closed() {
    return closed || transport.isClosed();
  }

  boolean offer(byte[] buf, int off, int len) {
    if (closed) {
      return false;
    }
    if (thread == null) {
      start();
    }
    return transport.offer(buf, off, len);
  }

  private void start() {
    if (thread != null || closed) {
      return;
    }
    thread = Thread.ofVirtual().name("dtls-" + name).start(this::run);
  }

  private void run() {
    DtlsResult result;
    try {
      result = HANDSHAKES.run(role, certificate, remoteFingerprint, transport,
          SrtpProfile.DEFAULT_PREFERENCE, HANDSHAKE_TIMEOUT);
    } catch (DtlsHandshakeException e) {
      if (!closed) {
        LOG.info("DTLS with {} failed: {}", name, e.getMessage());
        loop.execute(onFailed);
      }
      return;
    }
    SrtpSession session = SrtpSession.create(result.srtpKeyMaterial(), role == DtlsRole.CLIENT);
    loop.execute(() -> onConnected.accept(session));
    drain(result);
  }

  /** Reads application data we do not use (data channels) so retransmissions keep being handled. */
  private void drain(DtlsResult result) {
    byte[] buf = new byte[MediaLoop.MAX_DATAGRAM];
    try {
      while (!closed) {
        int n = result.transport().receive(buf, 0, buf.length, 1_000);
        if (n < 0 && closed) {
          return;
        }
      }
    } catch (IOException e) {
      LOG.debug("DTLS with {} ended: {}", name, e.toString());
    }
  }

  private void sendToPeer(byte[] buf, int off, int len) {
    InetSocketAddress to = peer;
    if (to != null) {
      loop.send(ByteBuffer.wrap(buf, off, len), to);
    }
  }

  void close() {
    closed = true;
    transport.close();
    if (thread != null) {
      thread.interrupt();
    }
  }
}
