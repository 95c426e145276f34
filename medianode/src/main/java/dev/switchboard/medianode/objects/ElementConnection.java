package dev.switchboard.medianode.objects;

import dev.switchboard.medianode.rpc.Json;
import tools.jackson.databind.node.ObjectNode;

/** One media-type link from a source element to a sink element of the same pipeline. Immutable. */
public record ElementConnection(
    MediaElement source, MediaElement sink, MediaType mediaType, String sourceDescription, String sinkDescription) {

  /** Kurento's {@code ElementConnectionData} complex value. */
  ObjectNode toJson() {
    return Json.complex("ElementConnectionData")
        .put("source", source.id())
        .put("sink", sink.id())
        .put("type", mediaType.name())
        .put("sourceDescription", sourceDescription)
        .put("sinkDescription", sinkDescription);
  }
}
