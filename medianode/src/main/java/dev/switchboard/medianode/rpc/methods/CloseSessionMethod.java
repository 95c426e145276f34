package dev.switchboard.medianode.rpc.methods;

import dev.switchboard.medianode.rpc.MethodHandler;
import dev.switchboard.medianode.rpc.RequestContext;
import dev.switchboard.medianode.rpc.SessionPolicy;
import dev.switchboard.medianode.session.GarbageCollector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * {@code closeSession}: sent by {@code KurentoClient.destroy()}; like KMS it drops the session at
 * once and releases every object only that session referenced. Confined to the control thread.
 */
public final class CloseSessionMethod implements MethodHandler {
  private final GarbageCollector collector;

  public CloseSessionMethod(GarbageCollector collector) {
    this.collector = collector;
  }

  @Override
  public String method() {
    return "closeSession";
  }

  @Override
  public SessionPolicy sessionPolicy() {
    return SessionPolicy.OPTIONAL;
  }

  @Override
  public CompletionStage<JsonNode> handle(RequestContext request) {
    if (request.session() != null) {
      collector.close(request.session());
    }
    return CompletableFuture.completedFuture(NullNode.getInstance());
  }
}
