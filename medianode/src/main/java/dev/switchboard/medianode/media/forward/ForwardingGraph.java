package dev.switchboard.medianode.media.forward;

import dev.switchboard.medianode.media.transport.DropReason;
import dev.switchboard.medianode.media.transport.MediaCounters;
import dev.switchboard.webrtc.sdp.MediaKind;

/**
 * Kurento's {@code connect}/{@code disconnect} on the media thread: which inbound stream feeds
 * which outbound stream. A sink takes each kind from one source at a time (KMS semantics), a
 * source feeds any number of sinks. Media thread only.
 */
public final class ForwardingGraph {
  private final MediaCounters counters;
  private final KeyframeRequester keyframes;

  public ForwardingGraph(MediaCounters counters, KeyframeRequester keyframes) {
    this.counters = counters;
    this.keyframes = keyframes;
  }

  /** Feeds {@code sink}'s outgoing {@code kind} from {@code source}'s incoming one; false if impossible. */
  public boolean link(MediaEndpoint source, MediaEndpoint sink, MediaKind kind, long now) {
    if (source.closed || sink.closed) {
      // A connect queued behind a release: linking would keep the dead endpoint (and its
      // retransmission buffer) reachable from the live one until that one is released too.
      return false;
    }
    InboundStream in = source.inbound(kind);
    OutboundStream out = sink.outbound(kind);
    if (in == null || out == null) {
      return false;
    }
    if (!out.compatibleWith(in)) {
      // An SFU cannot transcode: the sink negotiated another codec than the source sends.
      counters.drop(DropReason.CODEC_MISMATCH);
      return false;
    }
    if (out.source == in) {
      return true;
    }
    if (out.source != null) {
      out.source.removeSink(out);
    }
    out.feedFrom(in);
    in.addSink(out);
    if (sink.output.ready()) {
      keyframes.request(in, now);
    }
    return true;
  }

  public void unlink(MediaEndpoint source, MediaEndpoint sink, MediaKind kind) {
    InboundStream in = source.inbound(kind);
    OutboundStream out = sink.outbound(kind);
    if (in == null || out == null || out.source != in) {
      return;
    }
    in.removeSink(out);
    out.source = null;
  }

  /** A sink's transport just became able to send: every source it takes video from sends a keyframe. */
  public void sinkReady(MediaEndpoint sink, long now) {
    for (OutboundStream out : sink.outbound) {
      if (out != null && out.source != null) {
        keyframes.request(out.source, now);
      }
    }
  }

  /** Detaches an endpoint from everything, both as a source and as a sink. */
  public void remove(MediaEndpoint endpoint) {
    endpoint.closed = true;
    for (InboundStream in : endpoint.inbound) {
      if (in != null) {
        for (OutboundStream out : in.sinks) {
          out.source = null;
        }
        in.sinks = new OutboundStream[0];
      }
    }
    for (OutboundStream out : endpoint.outbound) {
      if (out != null && out.source != null) {
        out.source.removeSink(out);
        out.source = null;
      }
    }
  }
}
