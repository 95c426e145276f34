package dev.switchboard.medianode.rpc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds JSON-RPC 2.0 response objects in the shape KMS sends. Stateless. */
public final class Responses {
  private Responses() {}

  public static ObjectNode success(JsonNode id, JsonNode result) {
    ObjectNode r = Json.object().put("jsonrpc", "2.0");
    r.set("id", id == null ? NullNode.getInstance() : id);
    r.set("result", result == null ? NullNode.getInstance() : result);
    return r;
  }

  public static ObjectNode error(JsonNode id, KurentoError error, String message) {
    ObjectNode r = Json.object().put("jsonrpc", "2.0");
    // An id of the wrong type can't be echoed back meaningfully: JSON-RPC says null then.
    boolean usable = id != null && (id.isIntegralNumber() || id.isString());
    r.set("id", usable ? id : NullNode.getInstance());
    ObjectNode e = Json.object().put("code", error.code()).put("message", message);
    e.set("data", Json.object().put("type", error.type()));
    r.set("error", e);
    return r;
  }

  /** {@code {"value": v}}, the result of every KMS {@code invoke}/{@code create}. */
  public static ObjectNode value(JsonNode v) {
    ObjectNode r = Json.object();
    r.set("value", v == null ? NullNode.getInstance() : v);
    return r;
  }
}
