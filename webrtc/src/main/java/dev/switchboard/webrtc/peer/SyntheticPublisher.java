package dev.switchboard.webrtc.peer;

import dev.switchboard.webrtc.sdp.MediaKind;

/**
 * Sends synthetic audio and video from a connected {@link HeadlessPeer} under the SSRCs and
 * payload types its negotiation gave, one packet per call, so tests and the load generator choose
 * the pacing. Not thread-safe: one sending thread per publisher.
 */
public final class SyntheticPublisher {
  /** Room for the longest SRTP tag after the packet. */
  private static final int TAG_ROOM = 16;

  private final HeadlessPeer peer;
  private final SyntheticStream audio;
  private final SyntheticStream video;
  private final byte[] buf = new byte[1500 + TAG_ROOM];
  private long sent;
  private long windowFrom = Long.MAX_VALUE;
  private long windowTo = Long.MIN_VALUE;
  private long windowSent;

  /** Opus-sized audio (~100 bytes) and MTU-sized video packets ({@code videoPayloadBytes}). */
  public SyntheticPublisher(HeadlessPeer peer, int videoPayloadBytes) {
    if (!peer.connected()) {
      throw new IllegalStateException("connect the peer first");
    }
    this.peer = peer;
    this.audio = peer.payloadType(MediaKind.AUDIO) >= 0 ? peer.stream(MediaKind.AUDIO, 100) : null;
    this.video = peer.payloadType(MediaKind.VIDEO) >= 0 ? peer.stream(MediaKind.VIDEO, videoPayloadBytes) : null;
  }

  /** Sends one packet of {@code kind}, stamped with the current time; false if that kind was not negotiated. */
  public boolean send(MediaKind kind) {
    SyntheticStream stream = kind == MediaKind.AUDIO ? audio : video;
    if (stream == null) {
      return false;
    }
    long now = System.nanoTime();
    int len = stream.next(buf, now);
    boolean ok = peer.send(buf, len, false);
    if (ok) {
      sent++;
      if (now - windowFrom >= 0 && now - windowTo < 0) {
        windowSent++;
      }
    }
    return ok;
  }

  /** Counts, from now on, packets sent with a stamp in {@code [fromNanos, toNanos)} ({@link System#nanoTime()}). */
  public void countWindow(long fromNanos, long toNanos) {
    windowFrom = fromNanos;
    windowTo = toNanos;
    windowSent = 0;
  }

  /** Packets sent in the window of {@link #countWindow}; read it after the sending thread stopped. */
  public long windowSent() {
    return windowSent;
  }

  /** Packets sent so far, both kinds. */
  public long sent() {
    return sent;
  }
}
