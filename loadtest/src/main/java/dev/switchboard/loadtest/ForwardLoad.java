package dev.switchboard.loadtest;

import java.time.Duration;
import java.util.List;

/**
 * The forwarding scenario's load: a ramp of publisher counts, subscribers per publisher, and what
 * each publisher sends (Opus-like audio, VP8-like video in frame bursts); immutable.
 *
 * @param publisherSteps   publishers at each step of the ramp, increasing
 * @param subscribers      subscribers per publisher, each receiving its audio and video
 * @param warmUp           sending before the measured window of each step
 * @param window           the measured window of each step
 * @param audioPps         audio packets per second per publisher (Opus at 20 ms: 50)
 * @param audioBytes       audio payload bytes (Opus voice: ~100)
 * @param videoBitrate     video payload bits per second per publisher
 * @param fps              video frames per second; each frame is a burst of packets
 * @param videoBytes       video payload bytes per packet
 * @param connectTimeout   limit for one peer's ICE and DTLS
 */
public record ForwardLoad(List<Integer> publisherSteps, int subscribers, Duration warmUp, Duration window, int audioPps,
                   int audioBytes, int videoBitrate, int fps, int videoBytes, Duration connectTimeout) {

  /** RTP header bytes on top of each payload (no extensions in synthetic packets). */
  static final int RTP_HEADER = 12;
  /** Subscribers wait this long after the senders stop, so packets in flight are counted. */
  static final Duration DRAIN = Duration.ofSeconds(1);
  /** Upper bounds, so a typo cannot start thousands of peers on a shared machine. */
  static final int MAX_PUBLISHERS = 200;
  static final int MAX_SUBSCRIBERS = 50;

  public ForwardLoad {
    publisherSteps = List.copyOf(publisherSteps);
    if (publisherSteps.isEmpty()) {
      throw new IllegalArgumentException("at least one step");
    }
    int last = 0;
    for (int n : publisherSteps) {
      if (n <= last || n > MAX_PUBLISHERS) {
        throw new IllegalArgumentException("publisher steps must increase within 1.." + MAX_PUBLISHERS + ": "
            + publisherSteps);
      }
      last = n;
    }
    if (subscribers < 1 || subscribers > MAX_SUBSCRIBERS) {
      throw new IllegalArgumentException("subscribers per publisher must be 1.." + MAX_SUBSCRIBERS);
    }
    if (audioBytes < 12 || videoBytes < 12 || videoBytes > 1400 || audioPps < 1 || fps < 1 || videoBitrate < 8_000) {
      throw new IllegalArgumentException("implausible media: " + audioPps + " pps x " + audioBytes + " B audio, "
          + videoBitrate + " bit/s at " + fps + " fps in " + videoBytes + " B video packets");
    }
  }

  /** The defaults: 1, 2, 4 publishers, 3 subscribers each, 2 s warm-up, 5 s measured, 1.2 Mbit/s video. */
  static ForwardLoad defaults() {
    return new ForwardLoad(List.of(1, 2, 4), 3, Duration.ofSeconds(2), Duration.ofSeconds(5), 50, 100, 1_200_000,
        30, 1100, Duration.ofSeconds(15));
  }

  /** Video packets per second per publisher. */
  double videoPps() {
    return videoBitrate / 8.0 / videoBytes;
  }

  /** Bits per second one publisher sends, RTP headers included (SRTP tags and UDP/IP left out). */
  double publisherBitrate() {
    return 8 * (audioPps * (double) (audioBytes + RTP_HEADER) + videoPps() * (videoBytes + RTP_HEADER));
  }

  /** Mean bytes of one RTP packet a publisher sends. */
  double meanPacketBytes() {
    return publisherBitrate() / 8 / (audioPps + videoPps());
  }
}
