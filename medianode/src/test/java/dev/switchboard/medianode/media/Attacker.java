package dev.switchboard.medianode.media;

import dev.switchboard.medianode.media.transport.MediaCounters;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.ice.IceControllingChecker;
import dev.switchboard.webrtc.ice.IceCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A hostile UDP socket on 127.0.0.1 aimed at the node's shared port, whose floods pace themselves
 * by the node's drop counters so that the kernel discards nothing and every datagram must show up
 * as exactly one counted drop (one whose handling threw would be logged, not counted, and stall
 * the pacing); test thread only.
 */
final class Attacker implements AutoCloseable {
  /** Datagrams in flight before waiting: well inside the node's socket buffer, even at 1500 bytes each. */
  private static final int BATCH = 512;
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(5);

  private final DatagramChannel channel;
  private final InetSocketAddress target;
  private final MediaCounters counters;
  private final byte[] buf = new byte[2048];

  Attacker(MediaPlane plane) {
    this.target = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), plane.port());
    this.counters = plane.counters();
    try {
      channel = DatagramChannel.open();
      channel.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  InetSocketAddress address() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends {@code count} datagrams from {@code generator}; every {@value #BATCH} of them, and at
   * the end, waits until the node has counted at least as many new drops as datagrams were sent.
   */
  void flood(int count, HostileDatagrams.Generator generator) {
    long dropsBefore = counters.totalDrops();
    for (int i = 0; i < count; i++) {
      send(buf, generator.next(buf));
      int sent = i + 1;
      if (sent % BATCH == 0 || sent == count) {
        Await.until(DRAIN_LIMIT, () -> counters.totalDrops() - dropsBefore >= sent,
            () -> "the node counted " + (counters.totalDrops() - dropsBefore) + " drops for " + sent
                + " hostile datagrams; by reason " + counters.dropSnapshot());
      }
    }
  }

  /**
   * Sends {@code count} datagrams from {@code generator} as fast as the socket takes them, as a
   * real flood would: whatever the node's socket buffer cannot hold the kernel drops uncounted.
   */
  void blast(int count, HostileDatagrams.Generator generator) {
    for (int i = 0; i < count; i++) {
      send(buf, generator.next(buf));
    }
  }

  void send(byte[] datagram) {
    send(datagram, datagram.length);
  }

  private void send(byte[] datagram, int len) {
    try {
      // Blocking mode: the whole datagram or an exception, never a silent 0.
      channel.send(ByteBuffer.wrap(datagram, 0, len), target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next datagram the node sent to this socket, or null when none came within {@code limit}. */
  byte[] receive(Duration limit) {
    DatagramSocket socket = channel.socket();
    DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
    try {
      socket.setSoTimeout((int) Math.max(1, limit.toMillis()));
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Arrays.copyOf(packet.getData(), packet.getLength());
  }

  /** Whatever the node sent to this socket so far, discarded; how many datagrams that was. */
  int discardReceived() {
    int n = 0;
    while (receive(Duration.ofMillis(1)) != null) {
      n++;
    }
    return n;
  }

  /**
   * Passes ICE as someone who stole a leg's credentials would: a connectivity check signed with
   * the node's password and naming the peer's ufrag, without USE-CANDIDATE so the selected pair
   * stays the peer's. True once an authentic success response came back (a few tries, bounded).
   */
  boolean passIce(IceCredentials node, IceCredentials stolenPeer) {
    IceControllingChecker checker = new IceControllingChecker(stolenPeer, node,
        IceCandidate.priority(IceCandidate.HOST_TYPE_PREFERENCE, 65535, 1), false);
    for (int attempt = 0; attempt < 3; attempt++) {
      send(checker.nextRequest(Instant.now()));
      long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (System.nanoTime() - deadline < 0) {
        byte[] response = receive(Duration.ofMillis(100));
        if (response != null && checker.onResponse(response, 0, response.length)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to release beyond the socket
    }
  }
}
