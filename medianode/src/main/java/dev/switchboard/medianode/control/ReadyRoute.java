package dev.switchboard.medianode.control;

import dev.switchboard.medianode.lifecycle.Readiness;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /ready}, the readiness probe: 200 {@code {"status":"READY"}} while serving, 503
 * {@code {"status":"DRAINING"}} once shutdown began. Stateless apart from the shared flag; any thread.
 */
final class ReadyRoute {
  static final String PATH = "/ready";

  private final Readiness readiness;

  ReadyRoute(Readiness readiness) {
    this.readiness = readiness;
  }

  FullHttpResponse respond() {
    boolean ready = readiness.isReady();
    String body = ready ? "{\"status\":\"READY\"}\n" : "{\"status\":\"DRAINING\"}\n";
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    return response;
  }
}
