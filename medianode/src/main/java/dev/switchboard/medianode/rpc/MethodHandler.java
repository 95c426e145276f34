package dev.switchboard.medianode.rpc;

import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;

/**
 * One Kurento JSON-RPC method. Runs on the control thread; returns the {@code result} member
 * (the dispatcher adds {@code sessionId}), completing later only for work that must wait.
 */
public interface MethodHandler {
  String method();

  default SessionPolicy sessionPolicy() {
    return SessionPolicy.CREATE;
  }

  CompletionStage<JsonNode> handle(RequestContext request);
}
