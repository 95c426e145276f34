package dev.switchboard.medianode.objects;

import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kurento's {@code MediaObject}: an id, a parent, children, a name, tags and events, plus a table
 * of the wire operations this object implements; subclasses register theirs in their
 * constructor, the way mediasoup objects each handle their own requests. Confined to the control
 * thread.
 */
public abstract class MediaObject {
  /** An implemented wire operation; parameters arrive already type-checked. */
  @FunctionalInterface
  protected interface Operation {
    Object apply(Params params);
  }

  private final String id;
  private final String type;
  private final MediaObject parent;
  protected final ObjectContext ctx;
  private final Map<String, MediaObject> children = new LinkedHashMap<>();
  private final Map<String, Operation> operations = new HashMap<>();
  private final Map<String, JsonNode> properties = new HashMap<>();
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final long creationTime;
  private String name;
  private boolean sendTagsInEvents;
  private boolean released;

  protected MediaObject(String id, String type, MediaObject parent, ObjectContext ctx) {
    this.id = id;
    this.type = type;
    this.parent = parent;
    this.ctx = ctx;
    this.name = id;
    this.creationTime = ctx.clock().instant().getEpochSecond();
    readOnly("id", () -> this.id);
    readOnly("mediaPipeline", () -> pipeline() == null ? null : pipeline().id());
    readOnly("parent", () -> parent == null ? null : parent.id());
    readOnly("children", () -> List.copyOf(children.keySet()));
    readOnly("creationTime", () -> creationTime);
    readOnly("name", () -> name);
    operation("setName", p -> {
      name = p.string("name");
      return null;
    });
    readOnly("sendTagsInEvents", () -> sendTagsInEvents);
    operation("setSendTagsInEvents", p -> {
      sendTagsInEvents = p.node("sendTagsInEvents").asBoolean();
      return null;
    });
    operation("addTag", p -> {
      tags.put(p.string("key"), p.string("value"));
      return null;
    });
    operation("removeTag", p -> {
      tags.remove(p.string("key"));
      return null;
    });
    operation("getTag", p -> {
      String value = tags.get(p.string("key"));
      if (value == null) {
        throw new KurentoException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, "Tag '" + p.string("key") + "' not found");
      }
      return value;
    });
    operation("getTags", p -> tagsJson());
  }

  public final String id() {
    return id;
  }

  /** The Kurento class name, e.g. {@code WebRtcEndpoint}. */
  public final String type() {
    return type;
  }

  public final MediaObject parent() {
    return parent;
  }

  public final boolean released() {
    return released;
  }

  /** The pipeline this object belongs to, or null for objects outside any pipeline. */
  public abstract MediaPipeline pipeline();

  public final List<MediaObject> children() {
    return new ArrayList<>(children.values());
  }

  final void addChild(MediaObject child) {
    children.put(child.id(), child);
  }

  final void removeChild(MediaObject child) {
    children.remove(child.id());
  }

  final void markReleased() {
    released = true;
  }

  /** False for objects that live as long as the node (the ServerManager), whoever references them. */
  public boolean collectable() {
    return !released;
  }

  /** Frees what the object holds beyond the registry (connections, transports); children are released before. */
  protected void onRelease() {}

  protected final void operation(String name, Operation op) {
    operations.put(name, op);
  }

  protected final void readOnly(String property, Supplier<Object> getter) {
    operations.put("get" + capitalise(property), p -> getter.get());
  }

  /** A property kept as given: readable, writable, with Kurento's default. */
  protected final void stored(String property, JsonNode defaultValue) {
    properties.put(property, defaultValue);
    operations.put("get" + capitalise(property), p -> properties.get(property));
    operations.put("set" + capitalise(property), p -> {
      properties.put(property, p.node(property));
      return null;
    });
  }

  protected final JsonNode property(String property) {
    return properties.get(property);
  }

  /** Runs an operation that the descriptor declares for this class. */
  public final Object invoke(String operation, Params params) {
    Operation op = operations.get(operation);
    if (op == null) {
      throw new KurentoException(
          KurentoError.NOT_IMPLEMENTED, type + "." + operation + " is not implemented by the Switchboard medianode");
    }
    return op.apply(params);
  }

  /** Raises an event with the standard fields ({@code source}, {@code type}, {@code timestampMillis}, {@code tags}). */
  protected final void emit(String eventType, ObjectNode fields) {
    ObjectNode data = Json.object();
    data.put("source", id);
    data.put("type", eventType);
    data.put("timestampMillis", Long.toString(ctx.clock().millis()));
    data.set("tags", sendTagsInEvents ? tagsJson() : Json.mapper().createArrayNode());
    if (fields != null) {
      data.setAll(fields);
    }
    ctx.events().emit(this, eventType, data);
  }

  private ArrayNode tagsJson() {
    ArrayNode out = Json.mapper().createArrayNode();
    tags.forEach((k, v) -> out.add(Json.complex("Tag").put("key", k).put("value", v)));
    return out;
  }

  static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  @Override
  public String toString() {
    return id;
  }
}
