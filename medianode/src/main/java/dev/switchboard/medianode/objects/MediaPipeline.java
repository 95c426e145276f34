package dev.switchboard.medianode.objects;

import tools.jackson.databind.node.BooleanNode;

/**
 * Kurento's {@code MediaPipeline}: the container whose elements may be connected to each other;
 * releasing it releases them all. Confined to the control thread.
 */
public final class MediaPipeline extends MediaObject {
  public MediaPipeline(String id, ObjectContext ctx) {
    super(id, "MediaPipeline", null, ctx);
    stored("latencyStats", BooleanNode.FALSE);
    operation("getGstreamerDot", p -> GraphDot.of(this));
  }

  @Override
  public MediaPipeline pipeline() {
    return this;
  }
}
