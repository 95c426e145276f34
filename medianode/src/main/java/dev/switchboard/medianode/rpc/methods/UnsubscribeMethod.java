package dev.switchboard.medianode.rpc.methods;

import dev.switchboard.medianode.rpc.Args;
import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.medianode.rpc.MethodHandler;
import dev.switchboard.medianode.rpc.RequestContext;
import dev.switchboard.medianode.session.SessionRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;

/** {@code unsubscribe}: drops one of the session's subscriptions; unknown ids are not an error. Confined to the control thread. */
public final class UnsubscribeMethod implements MethodHandler {
  private final SessionRegistry sessions;

  public UnsubscribeMethod(SessionRegistry sessions) {
    this.sessions = sessions;
  }

  @Override
  public String method() {
    return "unsubscribe";
  }

  @Override
  public CompletionStage<JsonNode> handle(RequestContext request) {
    Args.string(request.params(), "object");
    sessions.unsubscribe(request.session(), Args.string(request.params(), "subscription"));
    return CompletableFuture.completedFuture(Json.object());
  }
}
