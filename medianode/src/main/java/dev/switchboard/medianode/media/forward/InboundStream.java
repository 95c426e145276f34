package dev.switchboard.medianode.media.forward;

import dev.switchboard.webrtc.rtp.RtpStreamStats;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.util.Arrays;

/**
 * One kind of media (audio or video) that an endpoint receives from its peer, and the outbound
 * streams it feeds (Kurento's {@code connect}). Receive statistics follow RFC 3550 §6.4.1 for the
 * RRs we send back. Media thread only.
 */
final class InboundStream {
  private static final OutboundStream[] NONE = new OutboundStream[0];

  final MediaEndpoint owner;
  final MediaKind kind;
  final int payloadType;
  final int clockRate;
  final String codec;
  /** Header-extension URI by the peer's id (RFC 8285 §5), index 0..255. */
  final String[] extensionUris;
  /** Replaced when the sender's SSRC changes; null before the first packet. */
  RtpStreamStats stats;
  long ssrc = -1;
  /** The stats whose losses {@link #lossCounted} holds; a new SSRC's stats start from zero. */
  RtpStreamStats lossStats;
  /** Highest cumulative loss of {@link #lossStats} already added to the node's RTP_LOST counter. */
  long lossCounted;
  OutboundStream[] sinks = NONE;
  long lastPacketNanos = Long.MIN_VALUE;
  long lastKeyframeRequestNanos = Long.MIN_VALUE;
  long keyframeRequests;
  boolean keyframePending;
  long packets;
  long octets;
  boolean flowing;
  /** Last sender report (RFC 3550 §6.4.1): NTP and RTP time of the same instant, and when it came. */
  long srNtp;
  long srRtp;
  long srArrivalNanos = Long.MIN_VALUE;

  InboundStream(MediaEndpoint owner, MediaKind kind, int payloadType, int clockRate, String codec,
      String[] extensionUris) {
    this.owner = owner;
    this.kind = kind;
    this.payloadType = payloadType;
    this.clockRate = clockRate;
    this.codec = codec;
    this.extensionUris = extensionUris;
  }

  void addSink(OutboundStream sink) {
    for (OutboundStream s : sinks) {
      if (s == sink) {
        return;
      }
    }
    // Copy-on-write: links change rarely, packets are forwarded constantly.
    OutboundStream[] next = Arrays.copyOf(sinks, sinks.length + 1);
    next[sinks.length] = sink;
    sinks = next;
  }

  void removeSink(OutboundStream sink) {
    int at = -1;
    for (int i = 0; i < sinks.length; i++) {
      if (sinks[i] == sink) {
        at = i;
      }
    }
    if (at < 0) {
      return;
    }
    OutboundStream[] next = new OutboundStream[sinks.length - 1];
    System.arraycopy(sinks, 0, next, 0, at);
    System.arraycopy(sinks, at + 1, next, at, sinks.length - at - 1);
    sinks = next;
  }
}
