package dev.switchboard.medianode.control;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Connection} over a Netty WebSocket channel. It also counts requests still being
 * processed so the socket stops reading when a client floods it (backpressure instead of an
 * unbounded queue). Thread-safe.
 */
final class NettyConnection implements Connection {
  /** Requests in flight above which we stop reading from the socket. */
  static final int PAUSE_AT = 256;
  /** ...and below which we read again. */
  static final int RESUME_AT = 64;

  private final Channel channel;
  private final AtomicInteger inFlight = new AtomicInteger();

  NettyConnection(Channel channel) {
    this.channel = channel;
  }

  @Override
  public String id() {
    return channel.id().asShortText() + "@" + channel.remoteAddress();
  }

  @Override
  public boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public void send(String text) {
    if (channel.isActive()) {
      channel.writeAndFlush(new TextWebSocketFrame(text));
    }
  }

  @Override
  public void close() {
    channel.close();
  }

  void requestStarted() {
    if (inFlight.incrementAndGet() >= PAUSE_AT) {
      channel.config().setAutoRead(false);
    }
  }

  void requestFinished() {
    if (inFlight.decrementAndGet() <= RESUME_AT && !channel.config().isAutoRead()) {
      channel.config().setAutoRead(true);
    }
  }
}
