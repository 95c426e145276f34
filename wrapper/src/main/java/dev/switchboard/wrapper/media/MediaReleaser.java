package dev.switchboard.wrapper.media;

import org.kurento.client.KurentoObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Releases Kurento objects on a best-effort basis: a release that fails (server gone, object
 * already released) is logged and never fails the command around it, because the object is
 * unusable either way and the media server frees it with its pipeline. Stateless.
 */
@Component
public class MediaReleaser {
  private static final Logger log = LoggerFactory.getLogger(MediaReleaser.class);

  private final MediaServerPool pool;

  public MediaReleaser(MediaServerPool pool) {
    this.pool = pool;
  }

  public void release(KurentoRef ref, Class<? extends KurentoObject> type) {
    try {
      pool.resolve(ref, type).release();
      log.debug("Released {} on {}", ref.id(), ref.server());
    } catch (RuntimeException e) {
      log.warn("Could not release {} on media server {}: {}", ref.id(), ref.server(), e.toString());
    }
  }

  public void release(KurentoObject object) {
    try {
      object.release();
    } catch (RuntimeException e) {
      log.warn("Could not release {}: {}", object.getId(), e.toString());
    }
  }
}
