package dev.switchboard.medianode.control;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} on the control port: the Prometheus text the supplier renders. Runs on the
 * channel's I/O thread; the supplier only reads counters, so it is quick and never blocks.
 */
final class MetricsRoute {
  static final String PATH = "/metrics";
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Supplier<String> metrics;

  MetricsRoute(Supplier<String> metrics) {
    this.metrics = metrics;
  }

  /** Whether the request is for this route (any query string ignored). */
  static boolean matches(FullHttpRequest request) {
    return new QueryStringDecoder(request.uri()).path().equals(PATH);
  }

  void answer(ChannelHandlerContext ctx, FullHttpRequest request) {
    HttpResponseStatus status;
    String body;
    String type = CONTENT_TYPE;
    if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
      status = HttpResponseStatus.METHOD_NOT_ALLOWED;
      body = "Use GET " + PATH + "\n";
    } else {
      status = HttpResponseStatus.OK;
      body = metrics.get();
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(request.method().equals(HttpMethod.HEAD) ? "" : body, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, status == HttpResponseStatus.OK ? type
        : "text/plain; charset=utf-8");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
