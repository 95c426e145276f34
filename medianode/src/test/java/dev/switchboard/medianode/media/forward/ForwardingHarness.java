package dev.switchboard.medianode.media.forward;

import dev.switchboard.medianode.media.transport.MediaCounters;
import dev.switchboard.webrtc.rtcp.RtcpPacket;
import dev.switchboard.webrtc.rtcp.RtcpWriter;
import dev.switchboard.webrtc.rtp.RtpHeader;
import dev.switchboard.webrtc.rtp.RtpWriter;
import dev.switchboard.webrtc.sdp.NegotiatedSession;
import java.util.Arrays;
import java.util.List;

/** The media thread's forwarding objects wired as MediaPlane wires them, plus packet builders; time is explicit. */
final class ForwardingHarness {
  static final long MS = 1_000_000L;
  /** An arbitrary monotonic-clock origin far from 0 and Long.MIN_VALUE, like a real System.nanoTime. */
  static final long T0 = 123_456_789_000_000L;
  static final long REMB_BITRATE = 1_000_000L;

  final MediaCounters counters = new MediaCounters();
  final KeyframeRequester keyframes = new KeyframeRequester(counters);
  final Forwarder forwarder = new Forwarder(counters, keyframes);
  final ForwardingGraph graph = new ForwardingGraph(counters, keyframes);
  final RtcpTerminator terminator = new RtcpTerminator(counters, forwarder, keyframes);
  private long nextRtcpSsrc = 0x5B00_0001L;

  MediaEndpoint endpoint(String name, NegotiatedSession negotiated, RtpOutput output) {
    return endpoint(name, negotiated, output, MediaListener.NONE);
  }

  MediaEndpoint endpoint(String name, NegotiatedSession negotiated, RtpOutput output, MediaListener listener) {
    return new MediaEndpoint(name, negotiated, output, listener, nextRtcpSsrc++, name + "-cname", REMB_BITRATE);
  }

  /** Hands a packet to the forwarder as the transport would after SRTP decryption. */
  void receive(MediaEndpoint from, byte[] packet, long now) {
    // A larger buffer than the packet, as the transport's receive buffer is, so no code may rely on buf.length.
    byte[] buf = Arrays.copyOf(packet, packet.length + 100);
    forwarder.onRtp(from, buf, packet.length, now);
  }

  void receiveRtcp(MediaEndpoint from, long now, RtcpPacket... packets) {
    byte[] compound = RtcpWriter.compound(List.of(packets));
    terminator.onRtcp(from, compound, compound.length, now);
  }

  static byte[] rtp(int payloadType, long ssrc, int seq, long timestamp, boolean marker, byte[] payload) {
    return rtp(new RtpWriter(), payloadType, ssrc, seq, timestamp, marker, payload);
  }

  /** A packet from {@code writer}, which may carry extensions, with the other fields set here. */
  static byte[] rtp(RtpWriter writer, int payloadType, long ssrc, int seq, long timestamp, boolean marker,
      byte[] payload) {
    writer.payloadType(payloadType).ssrc(ssrc).sequenceNumber(seq).timestamp(timestamp).marker(marker);
    byte[] buf = new byte[writer.headerLength() + payload.length];
    int len = writer.write(buf, 0, payload, 0, payload.length);
    return Arrays.copyOf(buf, len);
  }

  /** A recognisable payload: different per {@code seed}, so a packet sent to the wrong place shows. */
  static byte[] payload(int seed, int length) {
    byte[] p = new byte[length];
    for (int i = 0; i < length; i++) {
      p[i] = (byte) (seed * 31 + i);
    }
    return p;
  }

  /** The packet's payload bytes (after header and extension block). */
  static byte[] payloadOf(byte[] packet) {
    RtpHeader h = new RtpHeader().parseOrThrow(packet, 0, packet.length);
    return Arrays.copyOfRange(packet, h.payloadOffset(), h.payloadOffset() + h.payloadLength());
  }
}
