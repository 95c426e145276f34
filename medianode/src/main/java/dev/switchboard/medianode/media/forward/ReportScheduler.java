package dev.switchboard.medianode.media.forward;

import dev.switchboard.medianode.media.transport.MediaCounters;
import dev.switchboard.webrtc.rtcp.ReceiverReport;
import dev.switchboard.webrtc.rtcp.Remb;
import dev.switchboard.webrtc.rtcp.ReportBlock;
import dev.switchboard.webrtc.rtcp.RtcpPacket;
import dev.switchboard.webrtc.rtcp.RtcpWriter;
import dev.switchboard.webrtc.rtcp.SdesChunk;
import dev.switchboard.webrtc.rtcp.SdesItem;
import dev.switchboard.webrtc.rtcp.SenderReport;
import dev.switchboard.webrtc.rtcp.SourceDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The RTCP each leg needs, about once a second (RFC 3550 §6.2 allows that at our rates): receiver
 * reports plus REMB (draft-alvestrand-rmcat-remb §2) to a publisher, so its congestion control
 * stays within the endpoint's bandwidth; sender reports with the leg's own counts and a timestamp
 * in the leg's rewritten RTP timeline to a subscriber, so lip sync holds (RFC 3550 §6.4.1).
 * Media thread only.
 */
public final class ReportScheduler {
  public static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
  private static final int SDES_CNAME = 1;
  /** 70 years and 17 leap days: NTP counts from 1900, Unix time from 1970 (RFC 5905 §6). */
  private static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;

  private final long wallBaseMillis;
  private final long nanoBase;
  private final byte[] buf = new byte[1500];
  private final MediaCounters counters;

  /** {@code wallMillis} and {@code nanoTime} taken at the same moment anchor NTP timestamps. */
  public ReportScheduler(long wallMillis, long nanoTime, MediaCounters counters) {
    this.wallBaseMillis = wallMillis;
    this.nanoBase = nanoTime;
    this.counters = counters;
  }

  /** Sends the endpoint's reports; call about once per {@link #INTERVAL_NANOS}. */
  public void report(MediaEndpoint endpoint, long now) {
    if (endpoint.closed || !endpoint.output.ready()) {
      return;
    }
    List<RtcpPacket> toPeer = new ArrayList<>(4);
    List<ReportBlock> blocks = new ArrayList<>(2);
    List<Long> videoSsrcs = new ArrayList<>(1);
    for (InboundStream in : endpoint.inbound) {
      if (in != null && in.stats != null) {
        blocks.add(in.stats.reportBlock(now));
        countLoss(in);
        if (in.kind == dev.switchboard.webrtc.sdp.MediaKind.VIDEO) {
          videoSsrcs.add(in.ssrc);
        }
      }
    }
    boolean senderReported = false;
    for (OutboundStream out : endpoint.outbound) {
      if (out != null && out.packets > 0) {
        toPeer.add(senderReport(out, now, senderReported ? List.of() : blocks));
        senderReported = true;
      }
    }
    if (!senderReported) {
      if (blocks.isEmpty()) {
        return;
      }
      toPeer.add(new ReceiverReport(endpoint.rtcpSsrc, blocks));
    }
    toPeer.add(new SourceDescription(List.of(new SdesChunk(senderReported ? firstSender(endpoint) : endpoint.rtcpSsrc,
        List.of(new SdesItem(SDES_CNAME, endpoint.cname))))));
    if (!videoSsrcs.isEmpty() && endpoint.rembBitrate > 0) {
      toPeer.add(new Remb(endpoint.rtcpSsrc, endpoint.rembBitrate, videoSsrcs));
    }
    int n = 0;
    for (RtcpPacket p : toPeer) {
      n += RtcpWriter.write(p, buf, n);
    }
    endpoint.output.sendRtcp(buf, 0, n);
  }

  /**
   * Adds what the stream lost since its last report to the node-wide counter, here because this
   * runs once a second per stream, not per packet. Cumulative loss can shrink (duplicates), so
   * only growth beyond the highest value counted is added.
   */
  private void countLoss(InboundStream in) {
    if (in.lossStats != in.stats) {
      in.lossStats = in.stats;
      in.lossCounted = 0;
    }
    long lost = in.stats.cumulativeLost();
    if (lost > in.lossCounted) {
      counters.add(MediaCounters.Traffic.RTP_LOST, lost - in.lossCounted);
      in.lossCounted = lost;
    }
  }

  private static long firstSender(MediaEndpoint endpoint) {
    for (OutboundStream out : endpoint.outbound) {
      if (out != null && out.packets > 0) {
        return out.ssrc;
      }
    }
    return endpoint.rtcpSsrc;
  }

  /**
   * The RTP timestamp of "now" in the leg's timeline: the last one sent, advanced by the time since
   * it was sent, which is what the receiver needs to line audio and video up.
   */
  private SenderReport senderReport(OutboundStream out, long now, List<ReportBlock> blocks) {
    long sinceLast = Math.max(0, now - out.lastSendNanos);
    long rtp = (out.lastTimestamp + sinceLast * out.clockRate / 1_000_000_000L) & 0xFFFF_FFFFL;
    return new SenderReport(out.ssrc, ntp(now), rtp, out.packets & 0xFFFF_FFFFL, out.octets & 0xFFFF_FFFFL, blocks);
  }

  private long ntp(long now) {
    long unixNanos = wallBaseMillis * 1_000_000L + (now - nanoBase);
    long seconds = Math.floorDiv(unixNanos, 1_000_000_000L) + NTP_UNIX_OFFSET_SECONDS;
    long fraction = (Math.floorMod(unixNanos, 1_000_000_000L) << 32) / 1_000_000_000L;
    return (seconds << 32) | fraction;
  }
}
