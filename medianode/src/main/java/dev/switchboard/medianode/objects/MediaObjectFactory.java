package dev.switchboard.medianode.objects;

import dev.switchboard.medianode.kmd.RemoteClassInfo;
import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import tools.jackson.databind.JsonNode;

/**
 * Creates the media objects this node implements from a {@code create} request, after the
 * constructor parameters were type-checked against the descriptor. Confined to the control
 * thread.
 */
public final class MediaObjectFactory {
  private final ObjectContext ctx;
  private final int maxObjects;
  private final int maxRemoteCandidates;

  public MediaObjectFactory(ObjectContext ctx, int maxObjects, int maxRemoteCandidates) {
    this.ctx = ctx;
    this.maxObjects = maxObjects;
    this.maxRemoteCandidates = maxRemoteCandidates;
  }

  public MediaObject create(RemoteClassInfo type, JsonNode constructorParams) {
    if (ctx.registry().size() >= maxObjects) {
      throw new KurentoException(KurentoError.NOT_ENOUGH_RESOURCES,
          "This medianode holds its maximum of " + maxObjects + " media objects");
    }
    Params params = new Params(constructorParams, ctx.registry());
    MediaObject created = switch (type.name()) {
      case "MediaPipeline" -> new MediaPipeline(ObjectIds.pipeline(), ctx);
      case "WebRtcEndpoint" ->
          new WebRtcEndpoint(params.object("mediaPipeline", MediaPipeline.class), params, maxRemoteCandidates, ctx);
      default -> throw new KurentoException(KurentoError.MEDIA_OBJECT_TYPE_NOT_FOUND,
          "The Switchboard medianode does not provide " + type.name() + " (supported: MediaPipeline, WebRtcEndpoint)");
    };
    ctx.registry().register(created);
    return created;
  }
}
