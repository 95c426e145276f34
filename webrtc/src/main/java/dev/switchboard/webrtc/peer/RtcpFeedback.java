package dev.switchboard.webrtc.peer;

import dev.switchboard.webrtc.rtcp.RtcpScanner;

/**
 * Counts the feedback in a compound RTCP packet a {@link HeadlessPeer} received: PLI and FIR
 * (RFC 4585 §6.3.1, RFC 5104 §4.3.1), generic NACK (RFC 4585 §6.2.1) and REMB
 * (draft-alvestrand-rmcat-remb §2.2). Stateless; called on the peer's receive thread.
 */
final class RtcpFeedback {
  private RtcpFeedback() {
  }

  static void count(RtcpScanner scanner, byte[] buf, int len, PeerStats stats) {
    scanner.reset(buf, 0, len);
    while (scanner.next()) {
      int type = scanner.packetType();
      int fmt = scanner.fmt();
      if (type == 206 && fmt == 1) {
        stats.pliReceived.incrementAndGet();
      } else if (type == 206 && fmt == 4) {
        stats.firReceived.incrementAndGet();
      } else if (type == 205 && fmt == 1) {
        stats.nackReceived.incrementAndGet();
      } else if (type == 206 && fmt == 15) {
        stats.rembReceived.incrementAndGet();
      }
    }
  }
}
