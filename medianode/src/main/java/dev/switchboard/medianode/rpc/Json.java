package dev.switchboard.medianode.rpc;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the control plane, with read limits so that hostile input (deep nesting,
 * giant numbers or names) is rejected by the parser rather than exhausting the node. Thread-safe.
 */
public final class Json {
  /** Kurento messages are at most a few levels deep; 64 leaves room for complex values. */
  private static final int MAX_NESTING_DEPTH = 64;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxNumberLength(64)
                          .maxNameLength(1024)
                          .build())
                  .build())
          .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A Kurento complex value: a JSON object carrying the module and type names the client requires. */
  public static ObjectNode complex(String type) {
    ObjectNode node = object();
    node.put("__module__", "kurento");
    node.put("__type__", type);
    return node;
  }
}
