package dev.switchboard.medianode.control;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a WebSocket upgrade to the Kurento path through only with the shared secret, given as
 * {@code Authorization: Bearer <secret>} or as the query parameter {@code secret} (kurento-client
 * cannot send headers, so the wrapper uses the query); anything else gets 401 and the socket is
 * closed before any JSON-RPC is read. Other paths ({@code /health}) pass untouched. Compares in
 * constant time. Sharable: it keeps no per-channel state; runs on I/O threads.
 */
@io.netty.channel.ChannelHandler.Sharable
final class UpgradeAuthenticator extends ChannelInboundHandlerAdapter {
  private static final String BEARER = "bearer ";

  private final String websocketPath;
  private final byte[] secret;
  private final AtomicLong refused;

  UpgradeAuthenticator(String websocketPath, String secret, AtomicLong refused) {
    this.websocketPath = websocketPath;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.refused = refused;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    // Netty upgrades the path and anything below it (checkStartsWith), so all of those need the secret.
    boolean kurentoPath = uri.path().equals(websocketPath) || uri.path().startsWith(websocketPath + "/");
    if (!kurentoPath || authorised(request, uri)) {
      ctx.fireChannelRead(msg);
      return;
    }
    refused.incrementAndGet();
    ReferenceCountUtil.release(request);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED,
        Unpooled.copiedBuffer("The Kurento endpoint needs the node's secret\n", StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"medianode\"");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  private boolean authorised(FullHttpRequest request, QueryStringDecoder uri) {
    String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && matches(header.substring(BEARER.length()).strip())) {
      return true;
    }
    List<String> values = uri.parameters().get("secret");
    return values != null && values.size() == 1 && matches(values.getFirst());
  }

  private boolean matches(String candidate) {
    return MessageDigest.isEqual(secret, candidate.getBytes(StandardCharsets.UTF_8));
  }
}
