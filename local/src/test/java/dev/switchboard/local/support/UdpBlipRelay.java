package dev.switchboard.local.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay between browsers and a medianode for network-blip tests: it listens on the address
 * and port the medianode announces, forwards each client's datagrams through one upstream socket
 * per client address (so the medianode still sees distinct clients), and sends the answers back
 * from the announced address. While {@link #drop(boolean) dropping}, every datagram in either
 * direction is discarded. Thread-safe: one virtual thread reads the listening socket and one
 * reads each upstream socket.
 */
public final class UdpBlipRelay implements AutoCloseable {
  private final DatagramChannel listening;
  private final InetSocketAddress upstream;
  private final Map<SocketAddress, DatagramChannel> upstreams = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean dropping;
  private volatile boolean closed;

  public UdpBlipRelay(InetSocketAddress listen, InetSocketAddress upstream) throws IOException {
    this.upstream = upstream;
    this.listening = DatagramChannel.open().bind(listen);
    Thread.ofVirtual().name("blip-relay-in").start(this::readClients);
  }

  /** Starts or ends a blip: while on, nothing passes in either direction. */
  public void drop(boolean on) {
    dropping = on;
  }

  public long droppedDatagrams() {
    return dropped.get();
  }

  public int clients() {
    return upstreams.size();
  }

  private void readClients() {
    ByteBuffer buffer = ByteBuffer.allocate(65_536);
    while (!closed) {
      try {
        buffer.clear();
        SocketAddress client = listening.receive(buffer);
        if (dropping) {
          dropped.incrementAndGet();
          continue;
        }
        buffer.flip();
        upstreamFor(client).write(buffer);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // One bad datagram (e.g. ICMP unreachable surfacing as an error) must not stop the relay.
      }
    }
  }

  private DatagramChannel upstreamFor(SocketAddress client) throws IOException {
    DatagramChannel existing = upstreams.get(client);
    if (existing != null) {
      return existing;
    }
    DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress(upstream.getAddress(), 0));
    channel.connect(upstream);
    DatagramChannel raced = upstreams.putIfAbsent(client, channel);
    if (raced != null) {
      channel.close();
      return raced;
    }
    Thread.ofVirtual().name("blip-relay-out").start(() -> readUpstream(client, channel));
    return channel;
  }

  private void readUpstream(SocketAddress client, DatagramChannel channel) {
    ByteBuffer buffer = ByteBuffer.allocate(65_536);
    while (!closed) {
      try {
        buffer.clear();
        channel.receive(buffer);
        if (dropping) {
          dropped.incrementAndGet();
          continue;
        }
        buffer.flip();
        listening.send(buffer, client);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // As above: keep relaying.
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listening.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (DatagramChannel channel : upstreams.values()) {
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
