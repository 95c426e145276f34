package dev.switchboard.medianode.metrics;

import dev.switchboard.medianode.objects.MediaObject;
import dev.switchboard.medianode.objects.MediaPipeline;
import dev.switchboard.medianode.objects.WebRtcEndpoint;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the Kurento pipelines and WebRtcEndpoints alive on this node, kept up to date by the
 * object registry's created/released listeners on the control thread and read by the metrics
 * scrape from a Netty thread, so a scrape never waits for the control thread.
 */
public final class ModelGauges {
  private final AtomicInteger pipelines = new AtomicInteger();
  private final AtomicInteger endpoints = new AtomicInteger();

  public void created(MediaObject object) {
    counterOf(object, 1);
  }

  public void released(MediaObject object) {
    counterOf(object, -1);
  }

  private void counterOf(MediaObject object, int delta) {
    if (object instanceof MediaPipeline) {
      pipelines.addAndGet(delta);
    } else if (object instanceof WebRtcEndpoint) {
      endpoints.addAndGet(delta);
    }
  }

  public int pipelines() {
    return pipelines.get();
  }

  public int endpoints() {
    return endpoints.get();
  }
}
