package dev.switchboard.loadtest;

import dev.switchboard.webrtc.peer.SyntheticPublisher;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One platform thread that sends every publisher's audio (evenly paced) and video (a burst of
 * packets per frame, as an encoder's packetiser does) on a fixed schedule, catching up when it
 * falls behind; it stops when asked or at a hard deadline, whichever comes first.
 */
final class Pacer implements AutoCloseable {
  private final List<SyntheticPublisher> publishers;
  private final ForwardLoad load;
  private final long hardStop;
  private final Thread thread;
  private volatile boolean running = true;

  Pacer(List<SyntheticPublisher> publishers, ForwardLoad load, long hardStopNanos) {
    this.publishers = List.copyOf(publishers);
    this.load = load;
    this.hardStop = hardStopNanos;
    this.thread = Thread.ofPlatform().name("loadtest-pacer").start(this::run);
  }

  private void run() {
    int n = publishers.size();
    long audioInterval = TimeUnit.SECONDS.toNanos(1) / load.audioPps();
    long frameInterval = TimeUnit.SECONDS.toNanos(1) / load.fps();
    double frameBytes = load.videoBitrate() / 8.0 / load.fps();
    long start = System.nanoTime();
    long[] nextAudio = new long[n];
    long[] nextFrame = new long[n];
    double[] credit = new double[n];
    for (int i = 0; i < n; i++) {
      // Spread the publishers over a frame interval, as independent encoders would be.
      nextAudio[i] = start + audioInterval * i / n;
      nextFrame[i] = start + frameInterval * i / n;
    }
    while (running && System.nanoTime() - hardStop < 0) {
      long now = System.nanoTime();
      for (int i = 0; i < n; i++) {
        SyntheticPublisher p = publishers.get(i);
        while (nextAudio[i] - now <= 0) {
          p.send(MediaKind.AUDIO);
          nextAudio[i] += audioInterval;
        }
        while (nextFrame[i] - now <= 0) {
          credit[i] += frameBytes;
          while (credit[i] >= load.videoBytes()) {
            p.send(MediaKind.VIDEO);
            credit[i] -= load.videoBytes();
          }
          nextFrame[i] += frameInterval;
        }
      }
      LockSupport.parkNanos(200_000);
    }
  }

  /** Stops sending and waits (bounded) for the thread, so the publishers' counters can be read. */
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
