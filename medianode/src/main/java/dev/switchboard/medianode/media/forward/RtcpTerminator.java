package dev.switchboard.medianode.media.forward;

import dev.switchboard.medianode.media.transport.DropReason;
import dev.switchboard.medianode.media.transport.MediaCounters;
import dev.switchboard.webrtc.bytes.BigEndian;
import dev.switchboard.webrtc.rtcp.RtcpScanner;

/**
 * Terminates the RTCP an endpoint's peer sends (RFC 3550 §6, RFC 4585 §6, RFC 5104 §4.3.1): a
 * sender report updates the inbound stream's statistics; a subscriber's PLI or FIR becomes a
 * keyframe request to the source feeding it, and its NACKs are answered from the retransmission
 * buffer. The report blocks of a subscriber's RR or SR (RFC 3550 §6.4.1) about our streams count
 * the packets it lost on the way from us; otherwise receiver reports and REMB from subscribers end
 * here: each leg has its own reports. Media thread only.
 */
public final class RtcpTerminator {
  private static final int PT_SR = 200;
  private static final int PT_RR = 201;
  /** RFC 3550 §6.4.1: sender info (after the 8-byte header) is 20 bytes; a report block 24. */
  private static final int SR_BLOCKS_AT = 28;
  private static final int RR_BLOCKS_AT = 8;
  private static final int BLOCK_BYTES = 24;
  private static final int PT_RTPFB = 205;
  private static final int PT_PSFB = 206;
  private static final int FMT_NACK = 1;
  private static final int FMT_PLI = 1;
  private static final int FMT_FIR = 4;

  private final MediaCounters counters;
  private final Forwarder forwarder;
  private final KeyframeRequester keyframes;
  private final RtcpScanner scanner = new RtcpScanner();

  public RtcpTerminator(MediaCounters counters, Forwarder forwarder, KeyframeRequester keyframes) {
    this.counters = counters;
    this.forwarder = forwarder;
    this.keyframes = keyframes;
  }

  public void onRtcp(MediaEndpoint from, byte[] buf, int len, long now) {
    scanner.reset(buf, 0, len);
    counters.count(MediaCounters.Traffic.RTCP_IN);
    while (scanner.next()) {
      int type = scanner.packetType();
      int fmt = scanner.fmt();
      int off = scanner.offset();
      int plen = scanner.length();
      if (type == PT_SR && plen >= 28) {
        onSenderReport(from, buf, off, now);
        onReportBlocks(from, buf, off + SR_BLOCKS_AT, off + plen, fmt);
      } else if (type == PT_RR) {
        onReportBlocks(from, buf, off + RR_BLOCKS_AT, off + plen, fmt);
      } else if (type == PT_PSFB && (fmt == FMT_PLI || fmt == FMT_FIR) && plen >= 12) {
        // PLI names the media SSRC in the common header; FIR in its FCI entries (RFC 5104 §4.3.1.1).
        long media = fmt == FMT_PLI ? BigEndian.u32(buf, off + 8) : plen >= 20 ? BigEndian.u32(buf, off + 12) : -1;
        counters.count(MediaCounters.Traffic.KEYFRAME_REQUESTS_RECEIVED);
        OutboundStream out = from.outboundBySsrc(media);
        if (out != null && out.source != null) {
          keyframes.request(out.source, now);
        }
      } else if (type == PT_RTPFB && fmt == FMT_NACK && plen >= 16) {
        onNack(from, buf, off, plen, now);
      }
    }
    if (scanner.error() != null) {
      counters.drop(DropReason.RTCP_MALFORMED);
    }
  }

  private static void onSenderReport(MediaEndpoint from, byte[] buf, int off, long now) {
    InboundStream in = from.inboundBySsrc(BigEndian.u32(buf, off + 4));
    if (in == null) {
      return;
    }
    long ntp = BigEndian.u64(buf, off + 8);
    in.srNtp = ntp;
    in.srRtp = BigEndian.u32(buf, off + 16);
    in.srArrivalNanos = now;
    if (in.stats != null) {
      in.stats.onSenderReport(ntp, now);
    }
  }

  /**
   * Up to {@code count} report blocks from {@code at}, never past {@code end} (a truncated list
   * is read as far as it goes). A block about one of our streams adds the growth of its
   * cumulative loss (signed 24 bits) beyond the highest seen to the downstream loss: duplicates
   * may lower the count for a while, and must not make the same losses count twice.
   */
  private void onReportBlocks(MediaEndpoint from, byte[] buf, int at, int end, int count) {
    for (int i = 0, p = at; i < count && p + BLOCK_BYTES <= end; i++, p += BLOCK_BYTES) {
      OutboundStream out = from.outboundBySsrc(BigEndian.u32(buf, p));
      if (out == null) {
        continue;
      }
      // Fraction lost in the top byte, then the signed 24-bit cumulative count: shift to sign-extend.
      int cumulative = (BigEndian.readInt(buf, p + 4) << 8) >> 8;
      if (cumulative > out.reportedLost) {
        counters.add(MediaCounters.Traffic.RTP_LOST_DOWNSTREAM, cumulative - out.reportedLost);
        out.reportedLost = cumulative;
      }
    }
  }

  /** Generic NACK FCI (RFC 4585 §6.2.1): a PID and a bitmask of the 16 following losses. */
  private void onNack(MediaEndpoint from, byte[] buf, int off, int plen, long now) {
    OutboundStream out = from.outboundBySsrc(BigEndian.u32(buf, off + 8));
    if (out == null) {
      return;
    }
    for (int p = off + 12; p + 4 <= off + plen; p += 4) {
      int pid = BigEndian.u16(buf, p);
      int blp = BigEndian.u16(buf, p + 2);
      forwarder.retransmit(out, pid, now);
      for (int bit = 0; bit < 16; bit++) {
        if ((blp & (1 << bit)) != 0) {
          forwarder.retransmit(out, (pid + bit + 1) & 0xFFFF, now);
        }
      }
    }
  }
}
