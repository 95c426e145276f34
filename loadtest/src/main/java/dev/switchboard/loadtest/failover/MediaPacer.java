package dev.switchboard.loadtest.failover;

import dev.switchboard.webrtc.peer.SyntheticPublisher;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One platform thread sending a light synthetic load (audio every 20 ms, one video packet per frame)
 * from every participant's current publisher. Unlike the forwarding ramp's fixed list, each slot is
 * swapped when a participant re-offers after a media-server move, so sending follows the new peer;
 * an empty slot sends nothing. Stops when closed or at a hard deadline.
 */
final class MediaPacer implements AutoCloseable {
  private static final long AUDIO_INTERVAL = TimeUnit.MILLISECONDS.toNanos(20);
  private static final long FRAME_INTERVAL = TimeUnit.SECONDS.toNanos(1) / 15;

  private final List<AtomicReference<SyntheticPublisher>> slots;
  private final long hardStop;
  private final Thread thread;
  private volatile boolean running = true;

  MediaPacer(List<AtomicReference<SyntheticPublisher>> slots, long hardStopNanos) {
    this.slots = List.copyOf(slots);
    this.hardStop = hardStopNanos;
    this.thread = Thread.ofPlatform().daemon(true).name("failover-pacer").start(this::run);
  }

  private void run() {
    long nextAudio = System.nanoTime();
    long nextFrame = nextAudio;
    while (running && System.nanoTime() - hardStop < 0) {
      long now = System.nanoTime();
      // Behind by more than a second (a stalled machine): skip ahead rather than burst.
      if (now - nextAudio > TimeUnit.SECONDS.toNanos(1)) {
        nextAudio = now;
        nextFrame = now;
      }
      while (nextAudio - now <= 0) {
        sendAll(MediaKind.AUDIO);
        nextAudio += AUDIO_INTERVAL;
      }
      while (nextFrame - now <= 0) {
        sendAll(MediaKind.VIDEO);
        nextFrame += FRAME_INTERVAL;
      }
      LockSupport.parkNanos(2_000_000);
    }
  }

  private void sendAll(MediaKind kind) {
    for (AtomicReference<SyntheticPublisher> slot : slots) {
      SyntheticPublisher publisher = slot.get();
      if (publisher != null) {
        publisher.send(kind); // false on a closed peer: the slot is about to be swapped
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
