package dev.switchboard.medianode.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media thread: owns the node's single UDP socket (RFC 8445 §5.1.1.1 lets every endpoint
 * share one host candidate), reads datagrams and hands them to the {@link DatagramHandler}, runs
 * tasks other threads post, and ticks the {@link Ticker} about every {@value #TICK_MILLIS} ms.
 *
 * <p>Threading: everything the handler and the tasks touch is confined to this one thread, so the
 * forwarding state needs no locks; {@link #execute} and {@link #send} are safe from any thread.
 * One thread because system calls, not crypto, bound a Java SFU on this kind of machine.
 */
public final class MediaLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MediaLoop.class);
  static final int TICK_MILLIS = 20;
  /** Largest datagram we read; anything bigger is truncated by the kernel and fails parsing. */
  public static final int MAX_DATAGRAM = 2048;
  private static final int SOCKET_BUFFER_BYTES = 4 << 20;

  /** Receives each datagram on the media thread; {@code buf} is reused after the call returns. */
  public interface DatagramHandler {
    void onDatagram(byte[] buf, int len, InetSocketAddress from);
  }

  /** Periodic work on the media thread (RTCP reports, flow and consent checks). */
  public interface Ticker {
    void onTick(long nowNanos);
  }

  private final DatagramChannel channel;
  private final Selector selector;
  private final Queue<Runnable> mailbox = new ConcurrentLinkedQueue<>();
  private final LongSupplier nanoTime;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final byte[] receiveBytes = new byte[MAX_DATAGRAM];
  private final ByteBuffer receiveBuffer = ByteBuffer.wrap(receiveBytes);
  private volatile DatagramHandler handler = (b, l, f) -> { };
  private volatile Ticker ticker = now -> { };
  private volatile boolean running = true;
  private long sendErrors;

  private MediaLoop(DatagramChannel channel, Selector selector, LongSupplier nanoTime) {
    this.channel = channel;
    this.selector = selector;
    this.nanoTime = nanoTime;
    this.thread = Thread.ofPlatform().name("medianode-media").daemon(true).unstarted(this::run);
  }

  /** Binds {@code address} (port 0 picks a free port) and starts the media thread. */
  public static MediaLoop bind(InetSocketAddress address, LongSupplier nanoTime) throws IOException {
    DatagramChannel channel = DatagramChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
      channel.bind(address);
      warnIfBuffersCapped(channel);
      channel.configureBlocking(false);
      Selector selector = Selector.open();
      channel.register(selector, SelectionKey.OP_READ);
      MediaLoop loop = new MediaLoop(channel, selector, nanoTime);
      loop.thread.start();
      return loop;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * The kernel silently caps socket buffers at net.core.rmem_max/wmem_max (often 208 KiB); a small
   * receive buffer turns every burst (a keyframe to many subscribers, a JIT pause) into loss.
   */
  private static void warnIfBuffersCapped(DatagramChannel channel) throws IOException {
    int receive = channel.getOption(StandardSocketOptions.SO_RCVBUF);
    int send = channel.getOption(StandardSocketOptions.SO_SNDBUF);
    // Linux reports twice the granted size (it counts its bookkeeping too).
    if (receive < SOCKET_BUFFER_BYTES || send < SOCKET_BUFFER_BYTES) {
      LOG.warn("UDP socket buffers are {} KiB receive / {} KiB send, below the {} KiB asked for: bursts may be"
          + " dropped; raise net.core.rmem_max and net.core.wmem_max to at least {}", receive / 1024, send / 1024,
          SOCKET_BUFFER_BYTES / 1024, SOCKET_BUFFER_BYTES);
    }
  }

  public void setHandler(DatagramHandler handler) {
    this.handler = handler;
  }

  public void setTicker(Ticker ticker) {
    this.ticker = ticker;
  }

  public int port() {
    try {
      return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new IllegalStateException("UDP socket closed", e);
    }
  }

  /** Runs {@code task} on the media thread, after the datagrams already read. */
  public void execute(Runnable task) {
    mailbox.add(task);
    selector.wakeup();
  }

  /** Whether the caller is the media thread, for assertions. */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /**
   * Sends one datagram; a full socket buffer or an unreachable peer drops it (UDP semantics) and
   * counts it. Safe from any thread: the JDK serialises sends on one channel.
   */
  public void send(ByteBuffer datagram, InetSocketAddress to) {
    try {
      channel.send(datagram, to);
    } catch (IOException e) {
      sendErrors++;
    }
  }

  public long sendErrors() {
    return sendErrors;
  }

  public long nanoTime() {
    return nanoTime.getAsLong();
  }

  private void run() {
    long nextTick = nanoTime.getAsLong();
    try {
      while (running) {
        long now = nanoTime.getAsLong();
        if (now - nextTick >= 0) {
          safeTick(now);
          nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        }
        long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - now));
        selector.select(waitMillis);
        selector.selectedKeys().clear();
        drainSocket();
        drainMailbox();
      }
    } catch (IOException | RuntimeException e) {
      if (running) {
        LOG.error("media loop stopped", e);
      }
    } finally {
      stopped.countDown();
    }
  }

  private void drainSocket() throws IOException {
    // Bounded per wake-up so the mailbox and ticks still run under a flood.
    for (int i = 0; i < 4096; i++) {
      receiveBuffer.clear();
      InetSocketAddress from = (InetSocketAddress) channel.receive(receiveBuffer);
      if (from == null) {
        return;
      }
      try {
        handler.onDatagram(receiveBytes, receiveBuffer.position(), from);
      } catch (RuntimeException e) {
        // A bug for one packet must not stop media for everyone.
        LOG.warn("dropped a datagram from {}: {}", from, e.toString(), e);
      }
    }
  }

  private void drainMailbox() {
    Runnable task;
    while ((task = mailbox.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("media task failed", e);
      }
    }
  }

  private void safeTick(long now) {
    try {
      ticker.onTick(now);
    } catch (RuntimeException e) {
      LOG.warn("media tick failed", e);
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      stopped.await(2, TimeUnit.SECONDS);
      selector.close();
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing the UDP socket", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
