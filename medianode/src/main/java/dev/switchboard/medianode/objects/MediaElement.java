package dev.switchboard.medianode.objects;

import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.IntNode;

/**
 * Kurento's {@code MediaElement}: something inside a pipeline that can be connected to other
 * elements per media type. As in KMS, a sink takes each media type from one source at a time:
 * connecting a new source replaces the old one. Confined to the control thread.
 */
public abstract class MediaElement extends MediaObject {
  private final MediaPipeline pipeline;
  /** Connections where this element is the source. */
  private final List<ElementConnection> sinks = new ArrayList<>();
  /** Connections where this element is the sink; at most one per media type. */
  private final List<ElementConnection> sources = new ArrayList<>();

  protected MediaElement(String type, MediaPipeline pipeline, ObjectContext ctx) {
    super(ObjectIds.element(pipeline, type), type, pipeline, ctx);
    this.pipeline = pipeline;
    stored("encoderBitrate", IntNode.valueOf(300_000));
    stored("minEncoderBitrate", IntNode.valueOf(0));
    stored("maxEncoderBitrate", IntNode.valueOf(0));
    operation("connect", p -> {
      connect(p.object("sink", MediaElement.class), p.string("mediaType", null),
          p.string("sourceMediaDescription", ""), p.string("sinkMediaDescription", ""));
      return null;
    });
    operation("disconnect", p -> {
      disconnect(p.object("sink", MediaElement.class), p.string("mediaType", null));
      return null;
    });
    operation("getSourceConnections", p -> toJson(sources, p.string("mediaType", null)));
    operation("getSinkConnections", p -> toJson(sinks, p.string("mediaType", null)));
    operation("isMediaFlowingIn", p -> isMediaFlowingIn(MediaType.valueOf(p.string("mediaType"))));
    operation("isMediaFlowingOut", p -> isMediaFlowingOut(MediaType.valueOf(p.string("mediaType"))));
    operation("isMediaTranscoding", p -> false);
    operation("getGstreamerDot", p -> GraphDot.of(this));
  }

  @Override
  public final MediaPipeline pipeline() {
    return pipeline;
  }

  public final List<ElementConnection> sinkConnections() {
    return List.copyOf(sinks);
  }

  public final List<ElementConnection> sourceConnections() {
    return List.copyOf(sources);
  }

  /** Connects this element's output of the given type (null: every type) to {@code sink}; idempotent. */
  public final void connect(MediaElement sink, String mediaTypeOrNull, String sourceDescription, String sinkDescription) {
    if (sink.pipeline() != pipeline) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
          "Cannot connect elements of different pipelines: " + id() + " and " + sink.id());
    }
    for (MediaType type : MediaType.allOrOne(mediaTypeOrNull)) {
      ElementConnection existing = sink.sourceFor(type);
      if (existing != null && existing.source() == this) {
        continue;
      }
      if (existing != null) {
        existing.source().unlink(existing);
      }
      ElementConnection c = new ElementConnection(this, sink, type, sourceDescription, sinkDescription);
      sinks.add(c);
      sink.sources.add(c);
      emit("ElementConnected", Json.object()
          .put("sink", sink.id())
          .put("mediaType", type.name())
          .put("sourceMediaDescription", sourceDescription)
          .put("sinkMediaDescription", sinkDescription));
      linked(c);
    }
  }

  public final void disconnect(MediaElement sink, String mediaTypeOrNull) {
    for (MediaType type : MediaType.allOrOne(mediaTypeOrNull)) {
      ElementConnection existing = sink.sourceFor(type);
      if (existing != null && existing.source() == this) {
        unlink(existing);
      }
    }
  }

  private ElementConnection sourceFor(MediaType type) {
    for (ElementConnection c : sources) {
      if (c.mediaType() == type) {
        return c;
      }
    }
    return null;
  }

  private void unlink(ElementConnection c) {
    sinks.remove(c);
    c.sink().sources.remove(c);
    unlinked(c);
    if (!released()) {
      emit("ElementDisconnected", Json.object()
          .put("sink", c.sink().id())
          .put("mediaType", c.mediaType().name())
          .put("sourceMediaDescription", c.sourceDescription())
          .put("sinkMediaDescription", c.sinkDescription()));
    }
  }

  /** A new link now starts at this element; the media plane starts forwarding here. */
  protected void linked(ElementConnection connection) {}

  /** A link that started at this element is gone. */
  protected void unlinked(ElementConnection connection) {}

  protected boolean isMediaFlowingIn(MediaType type) {
    return false;
  }

  protected boolean isMediaFlowingOut(MediaType type) {
    return false;
  }

  @Override
  protected void onRelease() {
    for (ElementConnection c : List.copyOf(sinks)) {
      unlink(c);
    }
    for (ElementConnection c : List.copyOf(sources)) {
      c.source().unlink(c);
    }
  }

  private static ArrayNode toJson(List<ElementConnection> connections, String mediaTypeOrNull) {
    ArrayNode out = Json.mapper().createArrayNode();
    for (ElementConnection c : connections) {
      if (mediaTypeOrNull == null || c.mediaType().name().equals(mediaTypeOrNull)) {
        out.add(c.toJson());
      }
    }
    return out;
  }
}
