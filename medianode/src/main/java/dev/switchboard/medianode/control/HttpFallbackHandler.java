package dev.switchboard.medianode.control;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Answers plain HTTP requests that are not the WebSocket upgrade: {@code GET /health} for probes,
 * {@code GET /ready} ({@link ReadyRoute}), {@code GET /metrics} ({@link MetricsRoute}) when metrics
 * are served, a 404 naming the right URL for anything else. Runs on the channel's I/O thread.
 */
final class HttpFallbackHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final String websocketPath;
  private final ReadyRoute ready;
  /** Null when no metrics are served. */
  private final MetricsRoute metrics;

  HttpFallbackHandler(String websocketPath, ReadyRoute ready, MetricsRoute metrics) {
    this.websocketPath = websocketPath;
    this.ready = ready;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.uri().equals(ReadyRoute.PATH)) {
      ctx.writeAndFlush(ready.respond()).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (metrics != null && MetricsRoute.matches(request)) {
      metrics.answer(ctx, request);
      return;
    }
    boolean health = request.uri().equals("/health");
    HttpResponseStatus status = health ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND;
    String body = health ? "{\"status\":\"UP\"}\n"
        : "Not found. The Kurento JSON-RPC WebSocket is at " + websocketPath + "\n";
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, health ? "application/json" : "text/plain; charset=utf-8");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
