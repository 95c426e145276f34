package dev.switchboard.webrtc.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread that reads the sockets of many {@link HeadlessPeer}s through a selector, so a load
 * generator with hundreds of peers does not pay a thread wake-up per packet. Registration is
 * safe from any thread; the datagram callbacks run on this group's thread.
 */
public final class PeerReceivers implements AutoCloseable {
  /** Called with each datagram; {@code buf} is reused once the call returns. */
  interface Handler {
    void onDatagram(byte[] buf, int len, InetSocketAddress from);
  }

  private record Registration(DatagramChannel channel, Handler handler) {}

  private final Selector selector;
  private final Queue<Registration> pending = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  public PeerReceivers(String name) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a selector", e);
    }
    this.thread = Thread.ofPlatform().daemon(true).name(name).start(this::run);
  }

  void register(DatagramChannel channel, Handler handler) throws IOException {
    channel.configureBlocking(false);
    pending.add(new Registration(channel, handler));
    selector.wakeup();
  }

  private void run() {
    byte[] buf = new byte[2048];
    ByteBuffer view = ByteBuffer.wrap(buf);
    while (running) {
      try {
        selector.select(100);
        Registration r;
        while ((r = pending.poll()) != null) {
          r.channel().register(selector, SelectionKey.OP_READ, r.handler());
        }
        for (SelectionKey key : selector.selectedKeys()) {
          DatagramChannel channel = (DatagramChannel) key.channel();
          Handler handler = (Handler) key.attachment();
          InetSocketAddress from;
          // A few datagrams per channel per round keeps one busy peer from starving the others.
          for (int i = 0; i < 16; i++) {
            view.clear();
            from = (InetSocketAddress) channel.receive(view);
            if (from == null) {
              break;
            }
            handler.onDatagram(buf, view.position(), from);
          }
        }
        selector.selectedKeys().clear();
      } catch (IOException | java.nio.channels.ClosedSelectorException e) {
        if (!running) {
          return;
        }
        // A peer closed its channel while we read it; its key is cancelled with it.
        selector.selectedKeys().clear();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(2_000);
      selector.close();
    } catch (IOException e) {
      // closing anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
