package dev.switchboard.medianode.objects;

import java.util.UUID;

/**
 * Object ids in the KMS format ({@code <uuid>_kurento.MediaPipeline},
 * {@code <pipelineId>/<uuid>_kurento.WebRtcEndpoint}), because kurento-client's {@code getById}
 * derives the proxy class from the text after the last {@code _}. Stateless.
 */
public final class ObjectIds {
  public static final String SERVER_MANAGER = "manager_ServerManager";

  private ObjectIds() {}

  public static String pipeline() {
    return UUID.randomUUID() + "_kurento.MediaPipeline";
  }

  public static String element(MediaPipeline pipeline, String type) {
    return pipeline.id() + "/" + UUID.randomUUID() + "_kurento." + type;
  }
}
