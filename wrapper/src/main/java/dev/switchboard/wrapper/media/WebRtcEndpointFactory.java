package dev.switchboard.wrapper.media;

import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;

/**
 * Creates a WebRtcEndpoint in a pipeline (a call to the media server); the seam where tests put
 * mocks, because the client's builder needs a real remote pipeline. Thread-safe.
 */
@FunctionalInterface
public interface WebRtcEndpointFactory {
  WebRtcEndpoint create(MediaPipeline pipeline);
}
