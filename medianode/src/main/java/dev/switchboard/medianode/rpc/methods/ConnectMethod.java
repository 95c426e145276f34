package dev.switchboard.medianode.rpc.methods;

import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import dev.switchboard.medianode.rpc.MethodHandler;
import dev.switchboard.medianode.rpc.RequestContext;
import dev.switchboard.medianode.rpc.SessionPolicy;
import dev.switchboard.medianode.session.Session;
import dev.switchboard.medianode.session.SessionRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;

/**
 * {@code connect}: a reconnecting client re-attaches its session (objects and subscriptions
 * intact) to the new socket; an unknown session is {@code INVALID_SESSION} (40007), after which
 * the client asks for a fresh one with no params. Confined to the control thread.
 */
public final class ConnectMethod implements MethodHandler {
  private final SessionRegistry sessions;
  private final String serverId;

  public ConnectMethod(SessionRegistry sessions, String serverId) {
    this.sessions = sessions;
    this.serverId = serverId;
  }

  @Override
  public String method() {
    return "connect";
  }

  @Override
  public SessionPolicy sessionPolicy() {
    return SessionPolicy.MANUAL;
  }

  @Override
  public CompletionStage<JsonNode> handle(RequestContext request) {
    JsonNode named = request.params().get("sessionId");
    Session session;
    if (named == null || named.isNull()) {
      session = sessions.create(request.connection());
    } else {
      session = sessions.find(named.asString())
          .orElseThrow(() -> new KurentoException(KurentoError.INVALID_SESSION, "Invalid session"));
      sessions.bind(session, request.connection());
    }
    return CompletableFuture.completedFuture(Json.object().put("sessionId", session.id()).put("serverId", serverId));
  }
}
