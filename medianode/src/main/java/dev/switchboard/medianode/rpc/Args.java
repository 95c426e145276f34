package dev.switchboard.medianode.rpc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the fixed members of the protocol's own params ({@code object}, {@code type}, ...). Stateless. */
public final class Args {
  private Args() {}

  public static String string(ObjectNode params, String name) {
    JsonNode v = params.get(name);
    if (v == null || v.isNull()) {
      throw new KurentoException(KurentoError.MARSHALL_ERROR, "'" + name + "' parameter is required");
    }
    if (!v.isString()) {
      throw new KurentoException(KurentoError.MARSHALL_ERROR, "'" + name + "' parameter should be a string");
    }
    return v.asString();
  }

  /** An optional object member; absent or null gives an empty object. */
  public static ObjectNode object(ObjectNode params, String name) {
    JsonNode v = params.get(name);
    if (v == null || v.isNull()) {
      return Json.object();
    }
    if (!(v instanceof ObjectNode o)) {
      throw new KurentoException(KurentoError.MARSHALL_ERROR, "'" + name + "' parameter should be an object");
    }
    return o;
  }
}
