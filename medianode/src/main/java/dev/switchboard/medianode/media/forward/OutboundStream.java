package dev.switchboard.medianode.media.forward;

import dev.switchboard.webrtc.rtp.HeaderExtensionRewriter;
import dev.switchboard.webrtc.rtp.RetransmissionBuffer;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.util.Arrays;
import java.util.Map;

/**
 * One kind of media an endpoint sends to its peer under the SSRC and payload type it announced,
 * fed by one {@link InboundStream} at a time. Sequence numbers and timestamps are rewritten so the
 * peer sees one continuous stream across source changes (RFC 3550 §5.1, RFC 7667 §3.7 "media
 * switching mixer"); sent packets are kept, protected, for NACKs (RFC 4585 §6.2.1). Media thread
 * only.
 */
final class OutboundStream {
  /** About two seconds of 30 fps video at several packets per frame; audio needs far fewer. */
  private static final int RTX_PACKETS_VIDEO = 1024;
  private static final int RTX_PACKETS_AUDIO = 64;
  /** The buffer keeps protected packets, so it needs room for the longest SRTP tag (GCM's 16 bytes). */
  private static final int PROTECTION_OVERHEAD = 16;

  final MediaEndpoint owner;
  final MediaKind kind;
  final long ssrc;
  final int payloadType;
  final int clockRate;
  final String codec;
  /** Our peer's header-extension id by URI. */
  final Map<String, Integer> extensionIds;
  final RetransmissionBuffer retransmissions;
  /**
   * Which sequence number each retransmission slot last resent, and when: {@link Forwarder} resends
   * a packet at most once per interval, however many NACKs name it.
   */
  final int[] resentSeq;
  final long[] resentNanos;
  InboundStream source;
  /**
   * The highest cumulative loss our peer has reported for this stream (RFC 3550 §6.4.1): only
   * growth beyond it is counted, so a repeated or reordered report adds nothing.
   */
  int reportedLost;
  /** Maps the source's extension ids to our peer's; elements our peer did not negotiate become padding. */
  HeaderExtensionRewriter extensions = new HeaderExtensionRewriter(new byte[0]);
  boolean rebase = true;
  int seqOffset;
  long timestampOffset;
  int lastSeq;
  long lastTimestamp;
  long lastSendNanos = Long.MIN_VALUE;
  long packets;
  long octets;
  boolean flowing;

  OutboundStream(MediaEndpoint owner, MediaKind kind, long ssrc, int payloadType, int clockRate, String codec,
      Map<String, Integer> extensionIds) {
    this.owner = owner;
    this.kind = kind;
    this.ssrc = ssrc;
    this.payloadType = payloadType;
    this.clockRate = clockRate;
    this.codec = codec;
    this.extensionIds = Map.copyOf(extensionIds);
    int slots = kind == MediaKind.VIDEO ? RTX_PACKETS_VIDEO : RTX_PACKETS_AUDIO;
    this.retransmissions = new RetransmissionBuffer(slots,
        RetransmissionBuffer.DEFAULT_MAX_PACKET_SIZE + PROTECTION_OVERHEAD);
    this.resentSeq = new int[slots];
    this.resentNanos = new long[slots];
    Arrays.fill(resentSeq, -1);
  }

  /** Whether packets of {@code in} can be sent here without transcoding. */
  boolean compatibleWith(InboundStream in) {
    return in.kind == kind && in.codec.equalsIgnoreCase(codec) && in.clockRate == clockRate;
  }

  void feedFrom(InboundStream in) {
    source = in;
    rebase = true;
    byte[] map = new byte[256];
    for (int id = 1; id < in.extensionUris.length; id++) {
      String uri = in.extensionUris[id];
      if (uri != null) {
        Integer ours = extensionIds.get(uri);
        map[id] = ours == null ? 0 : ours.byteValue();
      }
    }
    extensions = new HeaderExtensionRewriter(map);
  }
}
