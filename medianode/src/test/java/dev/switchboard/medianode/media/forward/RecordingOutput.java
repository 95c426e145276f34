package dev.switchboard.medianode.media.forward;

import dev.switchboard.webrtc.rtcp.PictureLossIndication;
import dev.switchboard.webrtc.rtcp.RtcpPacket;
import dev.switchboard.webrtc.rtcp.RtcpParser;
import dev.switchboard.webrtc.rtp.RtpHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An {@link RtpOutput} that protects nothing and keeps a copy of every packet it is asked to send. */
final class RecordingOutput implements RtpOutput {
  boolean ready = true;
  final List<byte[]> rtp = new ArrayList<>();
  final List<byte[]> resent = new ArrayList<>();
  final List<byte[]> rtcp = new ArrayList<>();

  @Override
  public boolean ready() {
    return ready;
  }

  @Override
  public int sendRtp(byte[] buf, int off, int len) {
    rtp.add(Arrays.copyOfRange(buf, off, off + len));
    return len;
  }

  @Override
  public void resendProtected(byte[] buf, int off, int len) {
    resent.add(Arrays.copyOfRange(buf, off, off + len));
  }

  @Override
  public void sendRtcp(byte[] buf, int off, int len) {
    rtcp.add(Arrays.copyOfRange(buf, off, off + len));
  }

  /** The header of the {@code i}-th RTP packet sent; fails the test if the forwarder produced a malformed one. */
  RtpHeader rtpHeader(int i) {
    byte[] packet = rtp.get(i);
    return new RtpHeader().parseOrThrow(packet, 0, packet.length);
  }

  RtpHeader lastRtpHeader() {
    return rtpHeader(rtp.size() - 1);
  }

  /** Every RTCP packet sent, compounds flattened, in order. */
  List<RtcpPacket> rtcpPackets() {
    List<RtcpPacket> all = new ArrayList<>();
    for (byte[] compound : rtcp) {
      all.addAll(RtcpParser.parseCompound(compound));
    }
    return all;
  }

  List<PictureLossIndication> plis() {
    List<PictureLossIndication> plis = new ArrayList<>();
    for (RtcpPacket p : rtcpPackets()) {
      if (p instanceof PictureLossIndication pli) {
        plis.add(pli);
      }
    }
    return plis;
  }

  void clear() {
    rtp.clear();
    resent.clear();
    rtcp.clear();
  }
}
