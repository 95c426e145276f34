package dev.switchboard.medianode.media.transport;

import dev.switchboard.medianode.media.forward.Forwarder;
import dev.switchboard.medianode.media.forward.RtcpTerminator;
import dev.switchboard.webrtc.ice.IceUsername;
import dev.switchboard.webrtc.stun.StunDecoder;
import dev.switchboard.webrtc.stun.StunMessage;
import dev.switchboard.webrtc.stun.StunParseException;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

/**
 * First stop of every datagram on the shared port: classifies it (RFC 7983 §7), finds its
 * endpoint (STUN by USERNAME, the rest by source address) and passes it on; anything it cannot
 * place is dropped and counted, so hostile traffic costs a lookup, never a crash or a buffer.
 * Media thread only.
 */
public final class PacketRouter implements MediaLoop.DatagramHandler {
  private final TransportRegistry registry;
  private final MediaCounters counters;
  private final Forwarder forwarder;
  private final RtcpTerminator rtcp;
  private final LongSupplier nanoTime;

  public PacketRouter(TransportRegistry registry, MediaCounters counters, Forwarder forwarder, RtcpTerminator rtcp,
      LongSupplier nanoTime) {
    this.registry = registry;
    this.counters = counters;
    this.forwarder = forwarder;
    this.rtcp = rtcp;
    this.nanoTime = nanoTime;
  }

  @Override
  public void onDatagram(byte[] buf, int len, InetSocketAddress from) {
    counters.count(MediaCounters.Traffic.DATAGRAMS_IN);
    PacketKind kind = PacketKind.of(buf, len);
    if (kind == PacketKind.STUN) {
      onStun(buf, len, from);
      return;
    }
    if (kind == PacketKind.UNKNOWN) {
      counters.drop(DropReason.UNKNOWN_PROTOCOL);
      return;
    }
    EndpointTransport transport = registry.byAddress(from);
    if (transport == null) {
      counters.drop(DropReason.UNKNOWN_ADDRESS);
      return;
    }
    switch (kind) {
      case DTLS -> transport.onDtls(buf, len, from);
      case RTP -> {
        int n = transport.unprotectRtp(buf, len);
        if (n >= 0 && transport.media() != null) {
          forwarder.onRtp(transport.media(), buf, n, nanoTime.getAsLong());
        }
      }
      case RTCP -> {
        int n = transport.unprotectRtcp(buf, len);
        if (n >= 0 && transport.media() != null) {
          rtcp.onRtcp(transport.media(), buf, n, nanoTime.getAsLong());
        }
      }
      default -> counters.drop(DropReason.UNKNOWN_PROTOCOL);
    }
  }

  private void onStun(byte[] buf, int len, InetSocketAddress from) {
    StunMessage message;
    try {
      message = StunDecoder.decode(buf, 0, len);
    } catch (StunParseException e) {
      counters.drop(DropReason.MALFORMED_STUN);
      return;
    }
    EndpointTransport transport = registry.byUfrag(IceUsername.localUfrag(message.username()));
    if (transport == null) {
      counters.drop(DropReason.STUN_UNKNOWN_USERNAME);
      return;
    }
    transport.onStun(registry, message, buf, len, from, nanoTime.getAsLong());
  }
}
