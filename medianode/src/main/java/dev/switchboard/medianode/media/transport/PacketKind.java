package dev.switchboard.medianode.media.transport;

/**
 * What a datagram on the shared port carries, from its first byte (RFC 7983 §7) and, for RTP
 * versus RTCP, its second byte (RFC 5761 §4); stateless.
 */
public enum PacketKind {
  STUN, DTLS, RTP, RTCP, UNKNOWN;

  public static PacketKind of(byte[] buf, int len) {
    if (len < 1) {
      return UNKNOWN;
    }
    int b = buf[0] & 0xFF;
    if (b <= 3) {
      return STUN;
    }
    if (b >= 20 && b <= 63) {
      return DTLS;
    }
    if (b >= 128 && b <= 191) {
      if (len < 2) {
        return UNKNOWN;
      }
      // RTCP packet types 192..223 share the byte with RTP's marker bit and payload type.
      int pt = buf[1] & 0xFF;
      return pt >= 192 && pt <= 223 ? RTCP : RTP;
    }
    return UNKNOWN;
  }
}
