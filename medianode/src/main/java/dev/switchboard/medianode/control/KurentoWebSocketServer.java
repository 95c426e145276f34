package dev.switchboard.medianode.control;

import dev.switchboard.medianode.lifecycle.Readiness;
import dev.switchboard.medianode.rpc.RequestDispatcher;
import dev.switchboard.medianode.session.SessionRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Kurento JSON-RPC endpoint: a Netty WebSocket server on {@code ws://host:port/path}. Messages
 * up to the configured limit are processed; larger ones, up to a hard cap, are answered with an
 * error and skipped; beyond the cap the socket is closed with 1009. Two Netty threads are plenty:
 * the control plane carries a few messages per call set-up. Thread-safe start/stop.
 */
public final class KurentoWebSocketServer implements AutoCloseable {
  /** Frames are read whole up to this size so an oversized message can be answered, not just cut. */
  private static final int HARD_CAP_FACTOR = 4;

  /**
   * Accepts connections only, so that {@link #close} can end listening for sure: a closed server
   * channel keeps its socket until its selector runs again, and only the end of the loop that
   * owns it waits for that.
   */
  private final EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  /** Open client sockets, so they can be closed together. */
  private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private Channel serverChannel;
  /** WebSocket upgrades refused for a missing or wrong secret. */
  private final AtomicLong refusedUpgrades = new AtomicLong();
  /** What {@code GET /metrics} answers; null (404) until {@link #serveMetrics} is called. */
  private volatile MetricsRoute metrics;
  private final ReadyRoute ready;

  public KurentoWebSocketServer() {
    this(new Readiness());
  }

  /** {@code readiness} is what {@code GET /ready} reports. */
  public KurentoWebSocketServer(Readiness readiness) {
    this.ready = new ReadyRoute(readiness);
  }

  /** Serves {@code GET /metrics} with the text {@code render} returns (Prometheus format); call before {@link #start}. */
  public void serveMetrics(java.util.function.Supplier<String> render) {
    this.metrics = new MetricsRoute(render);
  }

  /**
   * Binds and serves; with a non-empty {@code secret} only upgrades that carry it are accepted
   * ({@link UpgradeAuthenticator}).
   */
  public InetSocketAddress start(String host, int port, String path, int maxMessageBytes, String secret,
      RequestDispatcher dispatcher, SessionRegistry sessions, Executor control) throws InterruptedException {
    String websocketPath = "/" + path;
    UpgradeAuthenticator authenticator = secret == null || secret.isEmpty() ? null
        : new UpgradeAuthenticator(websocketPath, secret, refusedUpgrades);
    int hardCap = (int) Math.min(Integer.MAX_VALUE, (long) maxMessageBytes * HARD_CAP_FACTOR);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(acceptor, group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 512)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            clients.add(ch);
            ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(8192));
            if (authenticator != null) {
              ch.pipeline().addLast(authenticator);
            }
            ch.pipeline()
                .addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                    .websocketPath(websocketPath)
                    // Also /kurento?secret=...: kurento-client can pass the secret only in the query.
                    .checkStartsWith(true)
                    .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(hardCap).build())
                    .build()))
                .addLast(new WebSocketFrameAggregator(hardCap))
                .addLast(new HttpFallbackHandler(websocketPath, ready, metrics))
                .addLast(new JsonRpcFrameHandler(dispatcher, sessions, control, maxMessageBytes));
          }
        });
    serverChannel = bootstrap.bind(host, port).sync().channel();
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** WebSocket upgrades refused so far for a missing or wrong secret. */
  public long refusedUpgrades() {
    return refusedUpgrades.get();
  }

  /** Closes every client socket; their sessions stay, detached, until they reconnect or are collected. */
  public void closeClientConnections() {
    clients.close().syncUninterruptibly();
  }

  /**
   * Stops listening first, then closes the clients: in the other order a Kurento client that
   * reconnects at once (they do, on the close frame) reaches the dying node, believes it back and
   * may bind a moved session to it, only to lose it again a moment later.
   */
  @Override
  public void close() {
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
    }
    acceptor.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    clients.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
