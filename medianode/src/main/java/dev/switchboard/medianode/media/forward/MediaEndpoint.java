package dev.switchboard.medianode.media.forward;

import dev.switchboard.webrtc.sdp.HeaderExtension;
import dev.switchboard.webrtc.sdp.MediaKind;
import dev.switchboard.webrtc.sdp.NegotiatedMedia;
import dev.switchboard.webrtc.sdp.NegotiatedSession;
import dev.switchboard.webrtc.sdp.RtpCodec;
import java.util.HashMap;
import java.util.Map;

/**
 * The forwarding side of one WebRtcEndpoint: what it receives (by payload type, RFC 8843 §9.2
 * BUNDLE demultiplexing) and what it sends (under the SSRCs it announced), built from the
 * negotiated SDP. Created on the control thread, then used on the media thread only.
 */
public final class MediaEndpoint {
  final String name;
  final RtpOutput output;
  final MediaListener listener;
  /** Sender SSRC of our RTCP feedback and receiver reports (RFC 3550 §6.4.2). */
  final long rtcpSsrc;
  final String cname;
  /** Cap announced to the publisher through REMB, bits per second. */
  final long rembBitrate;
  final InboundStream[] inbound;
  final OutboundStream[] outbound;
  private final InboundStream[] inboundByPayloadType = new InboundStream[128];
  boolean closed;

  public MediaEndpoint(String name, NegotiatedSession negotiated, RtpOutput output, MediaListener listener,
      long rtcpSsrc, String cname, long rembBitrate) {
    this.name = name;
    this.output = output;
    this.listener = listener;
    this.rtcpSsrc = rtcpSsrc;
    this.cname = cname;
    this.rembBitrate = rembBitrate;
    InboundStream audioIn = null;
    InboundStream videoIn = null;
    OutboundStream audioOut = null;
    OutboundStream videoOut = null;
    for (NegotiatedMedia m : negotiated.media()) {
      if (m.rejected() || m.codecs().isEmpty() || (m.kind() != MediaKind.AUDIO && m.kind() != MediaKind.VIDEO)) {
        continue;
      }
      RtpCodec codec = m.codecs().getFirst();
      boolean audio = m.kind() == MediaKind.AUDIO;
      if (m.localDirection().receives() && (audio ? audioIn : videoIn) == null) {
        String[] uris = new String[256];
        for (HeaderExtension e : m.extensions()) {
          uris[e.id()] = e.uri();
        }
        InboundStream in = new InboundStream(this, m.kind(), codec.payloadType(), codec.clockRate(), codec.name(), uris);
        inboundByPayloadType[codec.payloadType()] = in;
        if (audio) {
          audioIn = in;
        } else {
          videoIn = in;
        }
      }
      if (m.localDirection().sends() && m.localSsrc() != 0 && (audio ? audioOut : videoOut) == null) {
        Map<String, Integer> ids = new HashMap<>();
        for (HeaderExtension e : m.extensions()) {
          ids.put(e.uri(), e.id());
        }
        OutboundStream out = new OutboundStream(this, m.kind(), m.localSsrc(), codec.payloadType(), codec.clockRate(),
            codec.name(), ids);
        if (audio) {
          audioOut = out;
        } else {
          videoOut = out;
        }
      }
    }
    this.inbound = new InboundStream[] {audioIn, videoIn};
    this.outbound = new OutboundStream[] {audioOut, videoOut};
  }

  InboundStream inboundFor(int payloadType) {
    return inboundByPayloadType[payloadType & 0x7F];
  }

  InboundStream inbound(MediaKind kind) {
    return inbound[kind == MediaKind.AUDIO ? 0 : 1];
  }

  OutboundStream outbound(MediaKind kind) {
    return outbound[kind == MediaKind.AUDIO ? 0 : 1];
  }

  InboundStream inboundBySsrc(long ssrc) {
    for (InboundStream in : inbound) {
      if (in != null && in.ssrc == ssrc) {
        return in;
      }
    }
    return null;
  }

  OutboundStream outboundBySsrc(long ssrc) {
    for (OutboundStream out : outbound) {
      if (out != null && out.ssrc == ssrc) {
        return out;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name;
  }
}
