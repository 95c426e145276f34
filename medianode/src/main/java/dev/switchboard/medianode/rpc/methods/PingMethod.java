package dev.switchboard.medianode.rpc.methods;

import dev.switchboard.medianode.rpc.MethodHandler;
import dev.switchboard.medianode.rpc.RequestContext;
import dev.switchboard.medianode.rpc.Responses;
import dev.switchboard.medianode.rpc.SessionPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/** {@code ping}: the client's heartbeat; it reconnects unless {@code value} is {@code "pong"}. Stateless. */
public final class PingMethod implements MethodHandler {
  @Override
  public String method() {
    return "ping";
  }

  @Override
  public SessionPolicy sessionPolicy() {
    return SessionPolicy.OPTIONAL;
  }

  @Override
  public CompletionStage<JsonNode> handle(RequestContext request) {
    return CompletableFuture.completedFuture(Responses.value(StringNode.valueOf("pong")));
  }
}
