package dev.switchboard.medianode.rpc;

import dev.switchboard.medianode.control.Connection;
import dev.switchboard.medianode.session.Session;
import dev.switchboard.medianode.session.SessionRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one JSON-RPC 2.0 message into a response: validates the envelope, resolves the Kurento
 * session (KMS {@code ServerMethods::process}: a named session is re-bound to this socket, an
 * unnamed request uses the socket's session or starts one), runs the method and echoes {@code
 * sessionId}. Any failure becomes an error response; nothing escapes to the socket. Confined to
 * the control thread.
 */
public final class RequestDispatcher {
  private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

  private final SessionRegistry sessions;
  private final Map<String, MethodHandler> handlers = new HashMap<>();

  public RequestDispatcher(SessionRegistry sessions, List<MethodHandler> methods) {
    this.sessions = sessions;
    methods.forEach(m -> handlers.put(m.method(), m));
  }

  /** Parses and processes one text frame; the stage yields the response text, or null for a notification. */
  public CompletionStage<String> handleText(Connection connection, String text) {
    JsonNode message;
    try {
      message = Json.mapper().readTree(text);
    } catch (JacksonException e) {
      return CompletableFuture.completedFuture(
          Responses.error(null, KurentoError.PARSE_ERROR, "Parse error: " + e.getOriginalMessage()).toString());
    }
    return process(connection, message, null).thenApply(r -> r == null ? null : r.toString());
  }

  /**
   * Processes one request object. {@code sessionOverride} is set for the operations of a
   * transaction, which run in the transaction's session.
   */
  public CompletionStage<ObjectNode> process(Connection connection, JsonNode message, Session sessionOverride) {
    JsonNode id = message == null ? null : message.get("id");
    try {
      Request request = Request.read(message);
      MethodHandler handler = handlers.get(request.method());
      if (handler == null) {
        throw new KurentoException(KurentoError.METHOD_NOT_FOUND_RPC, "Method not found: " + request.method());
      }
      Session session = sessionOverride != null ? sessionOverride : resolveSession(handler, connection, request.params());
      CompletionStage<JsonNode> result = handler.handle(new RequestContext(connection, session, request.params()));
      return result.handle((value, failure) -> {
        if (failure != null) {
          return errorFor(id, request.method(), unwrap(failure));
        }
        if (id == null) {
          return null;
        }
        if (value instanceof ObjectNode o && session != null && handler.sessionPolicy() != SessionPolicy.MANUAL) {
          o.put("sessionId", session.id());
        }
        return Responses.success(id, value);
      });
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(errorFor(id, message == null ? "?" : message.path("method").asString("?"), e));
    }
  }

  private Session resolveSession(MethodHandler handler, Connection connection, ObjectNode params) {
    if (handler.sessionPolicy() == SessionPolicy.MANUAL) {
      return null;
    }
    JsonNode named = params.get("sessionId");
    if (named != null && !named.isNull()) {
      if (!named.isString() || named.asString().isBlank() || named.asString().length() > 128) {
        throw new KurentoException(KurentoError.MARSHALL_ERROR, "'sessionId' must be a non-empty string");
      }
      Session s = sessions.find(named.asString()).orElseGet(() -> sessions.adopt(named.asString(), connection));
      sessions.bind(s, connection);
      return s;
    }
    Session current = sessions.current(connection).orElse(null);
    if (current != null || handler.sessionPolicy() == SessionPolicy.OPTIONAL) {
      return current;
    }
    return sessions.create(connection);
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static ObjectNode errorFor(JsonNode id, String method, Throwable failure) {
    if (failure instanceof KurentoException k) {
      log.debug("{} failed: {} {}", method, k.error(), k.getMessage());
      return Responses.error(id, k.error(), k.getMessage());
    }
    log.error("Unexpected failure in {}", method, failure);
    return Responses.error(id, KurentoError.UNEXPECTED_ERROR, "Unexpected error in " + method + ": " + failure);
  }

  /** The validated JSON-RPC 2.0 envelope. */
  private record Request(String method, ObjectNode params) {
    static Request read(JsonNode message) {
      if (message == null || !message.isObject()) {
        throw new KurentoException(KurentoError.INVALID_REQUEST, "Invalid request: a JSON-RPC message must be an object");
      }
      if (!"2.0".equals(message.path("jsonrpc").asString(null))) {
        throw new KurentoException(KurentoError.INVALID_REQUEST, "Invalid request: 'jsonrpc' must be \"2.0\"");
      }
      JsonNode method = message.get("method");
      if (method == null || !method.isString()) {
        throw new KurentoException(KurentoError.INVALID_REQUEST, "Invalid request: 'method' must be a string");
      }
      JsonNode id = message.get("id");
      if (id != null && !(id.isIntegralNumber() || id.isString() || id.isNull())) {
        throw new KurentoException(KurentoError.INVALID_REQUEST, "Invalid request: 'id' must be a number or a string");
      }
      JsonNode params = message.get("params");
      if (params != null && !params.isNull() && !params.isObject()) {
        throw new KurentoException(KurentoError.INVALID_REQUEST, "Invalid request: 'params' must be an object");
      }
      return new Request(method.asString(), params instanceof ObjectNode o ? o : Json.object());
    }
  }
}
