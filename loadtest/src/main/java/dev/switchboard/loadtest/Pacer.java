package dev.switchboard.loadtest;

import dev.switchboard.webrtc.peer.SyntheticPublisher;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One platform thread that sends every publisher's audio (evenly paced) and video (a burst of
 * packets per frame, as an encoder's packetiser does) on a fixed schedule, catching up when it
 * falls behind; it stops when asked or at a hard deadline, whichever comes first. Publishers may
 * be added and removed from any thread while it runs (a scenario where participants come and go).
 */
public final class Pacer implements AutoCloseable {
  private final List<Schedule> schedules = new CopyOnWriteArrayList<>();
  private final ForwardLoad load;
  private final long hardStop;
  private final long audioInterval;
  private final long frameInterval;
  private final double frameBytes;
  private final Thread thread;
  private volatile boolean running = true;

  /** What one publisher is due to send next; touched only by the pacer thread after it is added. */
  private static final class Schedule {
    final SyntheticPublisher publisher;
    long nextAudio;
    long nextFrame;
    double credit;

    Schedule(SyntheticPublisher publisher, long nextAudio, long nextFrame) {
      this.publisher = publisher;
      this.nextAudio = nextAudio;
      this.nextFrame = nextFrame;
    }
  }

  public Pacer(List<SyntheticPublisher> publishers, ForwardLoad load, long hardStopNanos) {
    this.load = load;
    this.hardStop = hardStopNanos;
    this.audioInterval = TimeUnit.SECONDS.toNanos(1) / load.audioPps();
    this.frameInterval = TimeUnit.SECONDS.toNanos(1) / load.fps();
    this.frameBytes = load.videoBitrate() / 8.0 / load.fps();
    long start = System.nanoTime();
    int n = publishers.size();
    for (int i = 0; i < n; i++) {
      // Spread the publishers over a frame interval, as independent encoders would be.
      schedules.add(new Schedule(publishers.get(i), start + audioInterval * i / n, start + frameInterval * i / n));
    }
    this.thread = Thread.ofPlatform().name("loadtest-pacer").start(this::run);
  }

  /** Starts sending {@code publisher}'s media now. */
  public void add(SyntheticPublisher publisher) {
    long now = System.nanoTime();
    schedules.add(new Schedule(publisher, now, now));
  }

  /** Stops sending {@code publisher}'s media (before its peer closes). */
  public void remove(SyntheticPublisher publisher) {
    schedules.removeIf(s -> s.publisher == publisher);
  }

  private void run() {
    while (running && System.nanoTime() - hardStop < 0) {
      long now = System.nanoTime();
      for (Schedule s : schedules) {
        while (s.nextAudio - now <= 0) {
          s.publisher.send(MediaKind.AUDIO);
          s.nextAudio += audioInterval;
        }
        while (s.nextFrame - now <= 0) {
          s.credit += frameBytes;
          while (s.credit >= load.videoBytes()) {
            s.publisher.send(MediaKind.VIDEO);
            s.credit -= load.videoBytes();
          }
          s.nextFrame += frameInterval;
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
