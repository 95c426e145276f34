package dev.switchboard.medianode.rpc;

import dev.switchboard.medianode.objects.MediaObject;
import java.util.Collection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/**
 * Converts what an operation returns into its wire form: objects become their ids, enums their
 * names, collections arrays; complex values are already JSON. Stateless.
 */
public final class Values {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Values() {}

  public static JsonNode toJson(Object value) {
    return switch (value) {
      case null -> NullNode.getInstance();
      case JsonNode node -> node;
      case String s -> NODES.stringNode(s);
      case Boolean b -> NODES.booleanNode(b);
      case Integer i -> NODES.numberNode(i);
      case Long l -> NODES.numberNode(l);
      case Float f -> NODES.numberNode(f);
      case Double d -> NODES.numberNode(d);
      case MediaObject o -> NODES.stringNode(o.id());
      case Enum<?> e -> NODES.stringNode(e.name());
      case Collection<?> items -> {
        ArrayNode array = NODES.arrayNode();
        items.forEach(item -> array.add(toJson(item)));
        yield array;
      }
      default -> throw new IllegalArgumentException("No wire form for " + value.getClass().getName());
    };
  }
}
