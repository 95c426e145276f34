package dev.switchboard.medianode.media;

import dev.switchboard.webrtc.stun.StunAttributeType;
import dev.switchboard.webrtc.stun.StunMessage;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Generators of hostile datagrams for the media plane's shared port, each shaped after one class
 * of RFC 7983's first-byte demultiplexing so the fuzzing gets past the classifier into the STUN,
 * DTLS and SRTP paths; stateless, every bit drawn from the caller's seeded {@link Random}.
 */
final class HostileDatagrams {
  /** Comfortably above the longest SRTP/SRTCP trailer (4-byte index plus a 16-byte GCM tag). */
  private static final int SRTP_TRAILER_ROOM = 32;
  private static final int[] STUN_TYPES = {
      StunAttributeType.USERNAME, StunAttributeType.MESSAGE_INTEGRITY, StunAttributeType.FINGERPRINT,
      StunAttributeType.PRIORITY, StunAttributeType.USE_CANDIDATE, StunAttributeType.ICE_CONTROLLING,
      StunAttributeType.ICE_CONTROLLED, StunAttributeType.XOR_MAPPED_ADDRESS, StunAttributeType.ERROR_CODE,
      StunAttributeType.UNKNOWN_ATTRIBUTES, StunAttributeType.SOFTWARE, StunAttributeType.MESSAGE_INTEGRITY_SHA256,
      0x7FFF, 0xFFFF};

  private HostileDatagrams() {
  }

  /** Writes one datagram into {@code buf} and returns its length. */
  @FunctionalInterface
  interface Generator {
    int next(byte[] buf);
  }

  /** Uniformly random bytes, 0 to 1500 of them. */
  static Generator random(Random r) {
    return buf -> {
      int len = r.nextInt(1501);
      fill(r, buf, 0, len);
      return len;
    };
  }

  /**
   * A first byte outside every RFC 7983 range (4..19, 64..127, 192..255), or an RTP first byte
   * with nothing after it.
   */
  static Generator unclassifiable(Random r) {
    return buf -> {
      int len = 1 + r.nextInt(1500);
      fill(r, buf, 0, len);
      int range = r.nextInt(4);
      buf[0] = (byte) switch (range) {
        case 0 -> 4 + r.nextInt(16);
        case 1 -> 64 + r.nextInt(64);
        case 2 -> 192 + r.nextInt(64);
        default -> 128 + r.nextInt(64);
      };
      return range == 3 ? 1 : len;
    };
  }

  /**
   * A STUN header (first byte 0 or 1, magic cookie) over attribute TLVs of the types ICE uses.
   * Half are tidy: a Binding request whose attributes have their natural lengths and fill the
   * body exactly, so they parse and reach the ICE responder; the rest lie about lengths or are cut
   * short, for the parser. When {@code username} is not null it comes first, so a real endpoint's
   * {@code localUfrag:remoteUfrag} takes the datagram past the lookup and the USERNAME check into
   * that endpoint's integrity checks.
   */
  static Generator stunShaped(Random r, String username) {
    return buf -> {
      boolean tidy = r.nextBoolean();
      int bodyLength = 4 * r.nextInt(80);
      int len = StunMessage.HEADER_LENGTH + bodyLength;
      fill(r, buf, 0, len);
      buf[0] = (byte) (tidy ? 0 : r.nextInt(2));
      if (tidy) {
        buf[1] = 1;
      }
      put16(buf, 2, !tidy && r.nextInt(3) == 0 ? r.nextInt(1 << 16) : bodyLength);
      put32(buf, 4, StunMessage.MAGIC_COOKIE);
      int at = StunMessage.HEADER_LENGTH;
      if (username != null) {
        byte[] value = username.getBytes(StandardCharsets.US_ASCII);
        if (at + 4 + value.length <= len) {
          put16(buf, at, StunAttributeType.USERNAME);
          put16(buf, at + 2, value.length);
          System.arraycopy(value, 0, buf, at + 4, value.length);
          at += 4 + ((value.length + 3) & ~3);
        }
      }
      while (at + 4 <= len) {
        int type = r.nextInt(10) == 0 ? r.nextInt(1 << 16) : STUN_TYPES[r.nextInt(STUN_TYPES.length)];
        int room = len - at - 4;
        int attributeLength = tidy ? Math.min(naturalLength(r, type), room)
            : r.nextInt(5) == 0 ? r.nextInt(1 << 16) : r.nextInt(Math.min(room, 40) + 1);
        put16(buf, at, type);
        put16(buf, at + 2, attributeLength);
        at += 4 + ((attributeLength + 3) & ~3);
      }
      return tidy || r.nextInt(4) != 0 ? len : 1 + r.nextInt(len);
    };
  }

  /** The length a well-formed attribute of {@code type} has (RFC 8489 §14, RFC 8445 §16.1). */
  private static int naturalLength(Random r, int type) {
    return switch (type) {
      case StunAttributeType.PRIORITY, StunAttributeType.FINGERPRINT -> 4;
      case StunAttributeType.USE_CANDIDATE -> 0;
      case StunAttributeType.ICE_CONTROLLING, StunAttributeType.ICE_CONTROLLED -> 8;
      case StunAttributeType.MESSAGE_INTEGRITY -> 20;
      case StunAttributeType.MESSAGE_INTEGRITY_SHA256 -> 32;
      case StunAttributeType.XOR_MAPPED_ADDRESS -> r.nextBoolean() ? 8 : 20;
      case StunAttributeType.ERROR_CODE -> 4 + r.nextInt(20);
      case StunAttributeType.UNKNOWN_ATTRIBUTES -> 2 * r.nextInt(6);
      default -> r.nextInt(41);
    };
  }

  /**
   * A DTLS record header (content type 20..63, version, epoch, sequence, length that may lie) over
   * random bytes, a handshake record claiming to hold a ClientHello half the time.
   */
  static Generator dtlsShaped(Random r) {
    return buf -> {
      int len = 13 + r.nextInt(1200);
      fill(r, buf, 0, len);
      buf[0] = (byte) (r.nextBoolean() ? 22 : 20 + r.nextInt(44));
      buf[1] = (byte) 0xFE;
      buf[2] = (byte) (r.nextBoolean() ? 0xFD : 0xFF);
      put16(buf, 11, r.nextInt(4) == 0 ? r.nextInt(1 << 16) : len - 13);
      if (buf[0] == 22 && len > 14) {
        buf[13] = 1;
      }
      return len;
    };
  }

  /**
   * An RTP header (version 2, no CSRCs or extension, never an RTCP packet type) under {@code ssrc}
   * with {@code payloadType}, random sequence number and timestamp, then random "ciphertext and
   * tag" long enough for any SRTP profile: authentic only to someone holding the keys.
   */
  static Generator srtpShaped(Random r, long ssrc, int payloadType) {
    return buf -> {
      int len = 12 + SRTP_TRAILER_ROOM + r.nextInt(1200);
      fill(r, buf, 0, len);
      buf[0] = (byte) 0x80;
      buf[1] = (byte) (payloadType & 0x7F);
      put32(buf, 8, (int) ssrc);
      return len;
    };
  }

  /** Like {@link #srtpShaped} with a fresh random SSRC per packet, which no replay window knows. */
  static Generator srtpUnknownSsrc(Random r, int payloadType) {
    return buf -> srtpShaped(r, r.nextInt() & 0xFFFF_FFFFL, payloadType).next(buf);
  }

  /**
   * An RTCP header (version 2, a packet type 200..206) under a fresh random SSRC, then random
   * bytes where the SRTCP index and tag go.
   */
  static Generator srtcpShaped(Random r) {
    return buf -> {
      int len = 8 + SRTP_TRAILER_ROOM + 4 * r.nextInt(100);
      fill(r, buf, 0, len);
      buf[0] = (byte) (0x80 | r.nextInt(32));
      buf[1] = (byte) (200 + r.nextInt(7));
      put16(buf, 2, (len - 4) / 4 - 1);
      return len;
    };
  }

  /** Too short to hold an RTP header and an SRTP tag, for the malformed path. */
  static Generator srtpTooShort(Random r) {
    return buf -> {
      int len = 2 + r.nextInt(20);
      fill(r, buf, 0, len);
      buf[0] = (byte) 0x80;
      buf[1] = (byte) (96 + r.nextInt(32));
      return len;
    };
  }

  /** A USERNAME-legal ufrag that no endpoint has (the node's are 8 characters). */
  static String randomUfrag(Random r) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder s = new StringBuilder();
    int len = 4 + r.nextInt(4);
    for (int i = 0; i < len; i++) {
      s.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private static void fill(Random r, byte[] buf, int off, int len) {
    for (int i = off; i < off + len; i += 4) {
      int v = r.nextInt();
      for (int j = 0; j < 4 && i + j < off + len; j++) {
        buf[i + j] = (byte) (v >>> (8 * j));
      }
    }
  }

  private static void put16(byte[] buf, int at, int v) {
    buf[at] = (byte) (v >>> 8);
    buf[at + 1] = (byte) v;
  }

  private static void put32(byte[] buf, int at, int v) {
    put16(buf, at, v >>> 16);
    put16(buf, at + 2, v);
  }
}
