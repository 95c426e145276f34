package dev.switchboard.webrtc.peer;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a {@link HeadlessPeer} received: RTP packets per media kind, RTCP feedback by type, SRTP
 * failures, and one-way latency samples of synthetic packets. Written by the peer's receive
 * thread; readable from any thread.
 */
public final class PeerStats {
  /** Latency samples kept at most; later ones overwrite the oldest, so memory stays bounded. */
  public static final int MAX_LATENCY_SAMPLES = 1 << 16;

  final AtomicLong audioPackets = new AtomicLong();
  final AtomicLong videoPackets = new AtomicLong();
  final AtomicLong otherPackets = new AtomicLong();
  final AtomicLong rtcpPackets = new AtomicLong();
  final AtomicLong pliReceived = new AtomicLong();
  final AtomicLong firReceived = new AtomicLong();
  final AtomicLong nackReceived = new AtomicLong();
  final AtomicLong rembReceived = new AtomicLong();
  final AtomicLong srtpFailures = new AtomicLong();
  final AtomicLong unexpectedSsrcs = new AtomicLong();
  final AtomicLong lastRembBitrate = new AtomicLong();
  private final AtomicLongArray latencies = new AtomicLongArray(MAX_LATENCY_SAMPLES);
  private final AtomicLong latencyCount = new AtomicLong();

  /** When the first RTP packet arrived ({@link System#nanoTime()}), 0 before. */
  private volatile long firstRtpNanos;
  private volatile long windowFrom = Long.MAX_VALUE;
  private volatile long windowTo = Long.MIN_VALUE;
  private final AtomicLong windowPackets = new AtomicLong();

  /**
   * Counts, from now on, the synthetic packets whose send stamp lies in {@code [fromNanos, toNanos)}
   * ({@link System#nanoTime()} values), so a benchmark can count loss inside a window exactly. Also
   * forgets the latency samples kept so far, so a load ramp's steps do not mix.
   */
  public void countWindow(long fromNanos, long toNanos) {
    windowPackets.set(0);
    latencyCount.set(0);
    windowFrom = fromNanos;
    windowTo = toNanos;
  }

  /** Synthetic packets received whose send stamp fell in the window of {@link #countWindow}. */
  public long windowPackets() {
    return windowPackets.get();
  }

  /** A synthetic packet arrived; with a window set, only packets stamped inside it give latency samples. */
  void stamped(long sentNanos, long receivedNanos) {
    boolean windowed = windowTo != Long.MIN_VALUE;
    boolean inside = sentNanos - windowFrom >= 0 && sentNanos - windowTo < 0;
    if (inside) {
      windowPackets.incrementAndGet();
    }
    if (inside || !windowed) {
      latency(receivedNanos - sentNanos);
    }
  }

  void latency(long nanos) {
    long i = latencyCount.getAndIncrement();
    latencies.set((int) (i & (MAX_LATENCY_SAMPLES - 1)), nanos);
  }

  /** An RTP packet arrived (any payload type); only the first one's time is kept. */
  void rtpArrived(long nanos) {
    if (firstRtpNanos == 0) {
      firstRtpNanos = nanos == 0 ? 1 : nanos;
    }
  }

  /** When the first RTP packet arrived ({@link System#nanoTime()}), or 0 when none has; for join-to-first-media. */
  public long firstRtpNanos() {
    return firstRtpNanos;
  }

  public long audioPackets() {
    return audioPackets.get();
  }

  public long videoPackets() {
    return videoPackets.get();
  }

  /** RTP packets whose payload type matched neither negotiated codec. */
  public long otherPackets() {
    return otherPackets.get();
  }

  public long rtcpPackets() {
    return rtcpPackets.get();
  }

  public long pliReceived() {
    return pliReceived.get();
  }

  public long firReceived() {
    return firReceived.get();
  }

  public long nackReceived() {
    return nackReceived.get();
  }

  public long rembReceived() {
    return rembReceived.get();
  }

  /** The bitrate of the last REMB received, bits per second (0 before the first). */
  public long lastRembBitrate() {
    return lastRembBitrate.get();
  }

  /** RTP packets under an SSRC the SFU's answer did not announce (RFC 5576 §4.1 a=ssrc). */
  public long unexpectedSsrcs() {
    return unexpectedSsrcs.get();
  }

  public long srtpFailures() {
    return srtpFailures.get();
  }

  public long latencySamples() {
    return Math.min(latencyCount.get(), MAX_LATENCY_SAMPLES);
  }

  /** A copy of the kept latency samples, in nanoseconds, sorted. */
  public long[] sortedLatencies() {
    int n = (int) latencySamples();
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = latencies.get(i);
    }
    Arrays.sort(out);
    return out;
  }
}
