package dev.switchboard.medianode.media.forward;

import dev.switchboard.medianode.media.transport.DropReason;
import dev.switchboard.medianode.media.transport.MediaCounters;
import dev.switchboard.webrtc.rtp.RtpHeader;
import dev.switchboard.webrtc.rtp.RtpRewriter;
import dev.switchboard.webrtc.rtp.RtpStreamStats;
import java.util.concurrent.TimeUnit;

/**
 * The SFU hot path (RFC 7667 §3.7): takes one decrypted RTP packet from a publisher and sends a
 * rewritten copy to every outbound stream its inbound stream feeds, with the sink's SSRC, payload
 * type, header-extension ids, and a continuous sequence and timestamp. Media thread only; no
 * allocation per packet (one scratch buffer, one reusable header view).
 */
public final class Forwarder {
  /** Largest RTP packet plus the SRTP auth tag (16 bytes for GCM) that protection appends. */
  private static final int SCRATCH_BYTES = 2048 + 64;
  /** Timestamp step assumed when a sink switches source: one 20 ms audio frame or a 30 fps video frame. */
  private static final int SWITCH_GAP_MILLIS = 20;
  /**
   * A packet is resent at most once per this long, about a round trip: a receiver whose
   * retransmission was lost too asks again after its RTT (mediasoup applies the same rule).
   */
  private static final long RESEND_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final MediaCounters counters;
  private final KeyframeRequester keyframes;
  private final RtpHeader header = new RtpHeader();
  private final RtpHeader sinkHeader = new RtpHeader();
  private final byte[] scratch = new byte[SCRATCH_BYTES];

  public Forwarder(MediaCounters counters, KeyframeRequester keyframes) {
    this.counters = counters;
    this.keyframes = keyframes;
  }

  /** One decrypted RTP packet from {@code from}'s peer, in {@code buf[0..len)}. */
  public void onRtp(MediaEndpoint from, byte[] buf, int len, long now) {
    if (!header.parse(buf, 0, len)) {
      counters.drop(DropReason.RTP_MALFORMED);
      return;
    }
    InboundStream in = from.inboundFor(header.payloadType());
    if (in == null) {
      counters.drop(DropReason.RTP_UNKNOWN_PAYLOAD_TYPE);
      return;
    }
    counters.count(MediaCounters.Traffic.RTP_IN);
    counters.add(MediaCounters.Traffic.RTP_BYTES_IN, len);
    long ssrc = header.ssrc();
    if (in.ssrc != ssrc) {
      // A new sender SSRC (first packet, or the browser restarted its encoder): sinks rebase.
      in.ssrc = ssrc;
      in.stats = new RtpStreamStats(ssrc, 1);
      for (OutboundStream out : in.sinks) {
        out.rebase = true;
      }
    }
    // Microseconds first: nanoseconds times a 90 kHz clock would overflow a long.
    in.stats.onPacket(header.sequenceNumber(), header.timestamp(), now / 1_000 * in.clockRate / 1_000_000);
    in.lastPacketNanos = now;
    in.packets++;
    in.octets += header.payloadLength();
    OutboundStream[] sinks = in.sinks;
    int sent = 0;
    for (OutboundStream out : sinks) {
      if (out.owner.closed || !out.owner.output.ready()) {
        continue;
      }
      if (out.rebase) {
        rebase(out, now);
      }
      System.arraycopy(buf, 0, scratch, 0, len);
      int seq = (header.sequenceNumber() + out.seqOffset) & 0xFFFF;
      long timestamp = (header.timestamp() + out.timestampOffset) & 0xFFFF_FFFFL;
      RtpRewriter.setSsrc(scratch, 0, out.ssrc);
      RtpRewriter.setPayloadType(scratch, 0, out.payloadType);
      RtpRewriter.setSequenceNumber(scratch, 0, seq);
      RtpRewriter.setTimestamp(scratch, 0, timestamp);
      if (header.extension() && sinkHeader.parse(scratch, 0, len)) {
        out.extensions.rewrite(sinkHeader);
      }
      out.lastSeq = seq;
      out.lastTimestamp = timestamp;
      out.lastSendNanos = now;
      out.packets++;
      out.octets += header.payloadLength();
      int protectedLength = out.owner.output.sendRtp(scratch, 0, len);
      if (protectedLength > 0) {
        out.retransmissions.store(seq, scratch, 0, protectedLength);
        sent++;
      }
    }
    if (sent > 0) {
      counters.add(MediaCounters.Traffic.RTP_FORWARDED, sent);
      // Every copy has the length of the packet received: one add per packet, not per sink.
      counters.add(MediaCounters.Traffic.RTP_BYTES_FORWARDED, (long) sent * len);
    }
  }

  /**
   * Continues the sink's sequence and timestamp from where they were, so the receiver sees no
   * gap or jump backwards when its source changes (RFC 3550 §5.1 requires random-looking but
   * continuous numbering per SSRC), and asks the new source for a keyframe.
   */
  private void rebase(OutboundStream out, long now) {
    out.rebase = false;
    if (out.packets == 0) {
      out.seqOffset = 0;
      out.timestampOffset = 0;
    } else {
      long elapsedMillis = Math.max(SWITCH_GAP_MILLIS, (now - out.lastSendNanos) / 1_000_000);
      long step = elapsedMillis * out.clockRate / 1000;
      out.seqOffset = (out.lastSeq + 1 - header.sequenceNumber()) & 0xFFFF;
      out.timestampOffset = (out.lastTimestamp + step - header.timestamp()) & 0xFFFF_FFFFL;
    }
    if (out.source != null) {
      // The link (or the sink becoming ready) normally asked just before; a second, pending request
      // would cost the publisher another keyframe 300 ms later for the same connect.
      keyframes.requestUnlessRecent(out.source, now);
    }
  }

  /**
   * Resends a packet a sink NACKed (RFC 4585 §6.2.1) from its retransmission buffer, unless it
   * went out again within {@link #RESEND_INTERVAL_NANOS}: one NACK datagram can name thousands of
   * sequence numbers, and without this a subscriber repeating NACKs for the whole buffer made the
   * media thread resend it over and over, stalling every other endpoint.
   */
  void retransmit(OutboundStream out, int seq, long now) {
    if (!out.owner.output.ready()) {
      return;
    }
    int slot = seq & (out.resentSeq.length - 1);
    if (out.resentSeq[slot] == seq && now - out.resentNanos[slot] < RESEND_INTERVAL_NANOS) {
      return;
    }
    int n = out.retransmissions.copyOut(seq, scratch, 0);
    if (n > 0) {
      out.owner.output.resendProtected(scratch, 0, n);
      out.resentSeq[slot] = seq;
      out.resentNanos[slot] = now;
      counters.count(MediaCounters.Traffic.RTP_RETRANSMITTED);
    }
  }
}
