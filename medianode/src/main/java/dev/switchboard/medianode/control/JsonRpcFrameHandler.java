package dev.switchboard.medianode.control;

import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.RequestDispatcher;
import dev.switchboard.medianode.rpc.Responses;
import dev.switchboard.medianode.session.SessionRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each complete text message of one socket to the control thread and writes back the
 * response; rejects binary and oversized messages with a JSON-RPC error while keeping the socket
 * open. Runs on the socket's Netty I/O thread; one instance per channel.
 */
final class JsonRpcFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcFrameHandler.class);

  private final RequestDispatcher dispatcher;
  private final SessionRegistry sessions;
  private final Executor control;
  private final int maxMessageBytes;
  private NettyConnection connection;

  JsonRpcFrameHandler(RequestDispatcher dispatcher, SessionRegistry sessions, Executor control, int maxMessageBytes) {
    this.dispatcher = dispatcher;
    this.sessions = sessions;
    this.control = control;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    connection = new NettyConnection(ctx.channel());
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame text)) {
      connection.send(Responses.error(null, KurentoError.INVALID_REQUEST,
          "Only text frames carry JSON-RPC messages").toString());
      return;
    }
    int size = text.content().readableBytes();
    if (size > maxMessageBytes) {
      connection.send(Responses.error(null, KurentoError.MARSHALL_ERROR,
          "Message of " + size + " bytes exceeds the limit of " + maxMessageBytes + " bytes").toString());
      return;
    }
    String message = text.text();
    connection.requestStarted();
    control.execute(() -> dispatcher.handleText(connection, message).whenComplete((response, failure) -> {
      connection.requestFinished();
      if (response != null) {
        connection.send(response);
      } else if (failure != null) {
        log.error("Request failed outside the dispatcher", failure);
      }
    }));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    control.execute(() -> sessions.connectionClosed(connection));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
      log.debug("Closing {}: {}", connection.id(), cause.getMessage());
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big"))
          .addListener(f -> ctx.close());
      return;
    }
    log.warn("Closing {} after an I/O error: {}", connection.id(), cause.toString());
    ctx.close();
  }
}
