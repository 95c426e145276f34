package dev.switchboard.wrapper.media;

import dev.switchboard.wrapper.config.WrapperProperties.MediaServerSpec;
import org.kurento.client.KurentoClient;
import org.kurento.client.KurentoConnectionListener;

/**
 * Opens the Kurento client of one media server; the seam where tests put a fake media server.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface KurentoConnector {
  /** Connects (blocking, at most the client's connection timeout) or throws if the server is down. */
  KurentoClient connect(MediaServerSpec server, KurentoConnectionListener listener);
}
