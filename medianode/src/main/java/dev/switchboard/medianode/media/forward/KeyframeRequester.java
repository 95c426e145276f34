package dev.switchboard.medianode.media.forward;

import dev.switchboard.medianode.media.transport.MediaCounters;
import dev.switchboard.webrtc.rtcp.PictureLossIndication;
import dev.switchboard.webrtc.rtcp.RtcpWriter;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.util.concurrent.TimeUnit;

/**
 * Asks a publisher for a keyframe with a PLI (RFC 4585 §6.3.1) when a sink starts receiving it or
 * a sink's decoder asks (its PLI or FIR, RFC 5104 §3.5.1), at most once per
 * {@value #MIN_INTERVAL_MILLIS} ms per stream, because every subscriber of a large room asks at
 * once and each keyframe costs the publisher a burst of bitrate. Media thread only.
 */
public final class KeyframeRequester {
  static final long MIN_INTERVAL_MILLIS = 300;
  private static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MILLIS);
  private final byte[] buf = new byte[128];
  private final MediaCounters counters;

  public KeyframeRequester(MediaCounters counters) {
    this.counters = counters;
  }

  /**
   * Sends a PLI for {@code in} now, or marks it pending when one went out within the interval
   * (a sink that became ready just after the last keyframe must still get one); whether one was sent.
   */
  public boolean request(InboundStream in, long now) {
    if (in.kind != MediaKind.VIDEO || in.owner.closed) {
      return false;
    }
    if (in.ssrc < 0 || !in.owner.output.ready() || recent(in, now)) {
      in.keyframePending = true;
      return false;
    }
    in.keyframePending = false;
    in.lastKeyframeRequestNanos = now;
    in.keyframeRequests++;
    counters.count(MediaCounters.Traffic.KEYFRAME_REQUESTS_SENT);
    int n = RtcpWriter.write(new PictureLossIndication(in.owner.rtcpSsrc, in.ssrc), buf, 0);
    in.owner.output.sendRtcp(buf, 0, n);
    return true;
  }

  /**
   * Like {@link #request} but does nothing when a PLI went out within the interval: for a sink that
   * starts forwarding right after its link or readiness already asked, so one connect costs the
   * publisher one keyframe, not a second one when the pending request would be flushed.
   */
  boolean requestUnlessRecent(InboundStream in, long now) {
    return !recent(in, now) && request(in, now);
  }

  private static boolean recent(InboundStream in, long now) {
    return in.lastKeyframeRequestNanos != Long.MIN_VALUE && now - in.lastKeyframeRequestNanos < MIN_INTERVAL_NANOS;
  }

  /** Sends the requests the interval held back; called on every media tick. */
  public void flushPending(MediaEndpoint endpoint, long now) {
    for (InboundStream in : endpoint.inbound) {
      if (in != null && in.keyframePending && in.sinks.length > 0) {
        request(in, now);
      }
    }
  }
}
