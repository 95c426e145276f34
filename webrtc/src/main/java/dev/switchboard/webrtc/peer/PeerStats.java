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

  void latency(long nanos) {
    long i = latencyCount.getAndIncrement();
    latencies.set((int) (i & (MAX_LATENCY_SAMPLES - 1)), nanos);
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

  /** Forgets the latency samples so far, e.g. those of a warm-up period. */
  public void clearLatencies() {
    latencyCount.set(0);
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
