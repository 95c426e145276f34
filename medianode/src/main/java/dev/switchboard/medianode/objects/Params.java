package dev.switchboard.medianode.objects;

import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed read access to an operation's parameters; types were already checked against the
 * Kurento descriptor, so accessors only fail on absent required values. Not thread-safe.
 */
public final class Params {
  private final ObjectNode node;
  private final ObjectRegistry registry;

  public Params(JsonNode node, ObjectRegistry registry) {
    this.node = node instanceof ObjectNode o ? o : Json.object();
    this.registry = registry;
  }

  public boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  public JsonNode node(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new KurentoException(KurentoError.MARSHALL_ERROR, "'" + name + "' parameter is required");
    }
    return v;
  }

  public String string(String name) {
    return node(name).asString();
  }

  public String string(String name, String fallback) {
    return has(name) ? string(name) : fallback;
  }

  public int integer(String name) {
    return node(name).asInt();
  }

  public boolean bool(String name, boolean fallback) {
    return has(name) ? node(name).asBoolean() : fallback;
  }

  /** Resolves an object-id parameter to a live object of the given class. */
  public <T extends MediaObject> T object(String name, Class<T> type) {
    MediaObject o = registry.require(string(name));
    if (!type.isInstance(o)) {
      throw new KurentoException(
          KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
          "'" + name + "' must be a " + type.getSimpleName() + ", got " + o.type());
    }
    return type.cast(o);
  }
}
