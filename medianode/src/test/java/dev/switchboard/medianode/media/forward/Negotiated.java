package dev.switchboard.medianode.media.forward;

import dev.switchboard.webrtc.dtls.Fingerprint;
import dev.switchboard.webrtc.ice.IceCredentials;
import dev.switchboard.webrtc.sdp.Direction;
import dev.switchboard.webrtc.sdp.HeaderExtension;
import dev.switchboard.webrtc.sdp.MediaKind;
import dev.switchboard.webrtc.sdp.NegotiatedMedia;
import dev.switchboard.webrtc.sdp.NegotiatedSession;
import dev.switchboard.webrtc.sdp.RtpCodec;
import java.util.List;

/** Hand-made offer/answer outcomes with chosen payload types, SSRCs and extension ids, so tests can tell them apart. */
final class Negotiated {
  static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
  static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

  /** The publisher's payload types; subscribers use other numbers so a missing rewrite shows. */
  static final int PUB_OPUS = 111;
  static final int PUB_VP8 = 96;
  static final int SUB_OPUS = 109;
  static final int SUB_VP8 = 100;
  /** Publisher extension ids: audio-level 1, abs-send-time 3; subscribers get abs-send-time at 5 only. */
  static final int PUB_AUDIO_LEVEL_ID = 1;
  static final int PUB_ABS_SEND_TIME_ID = 3;
  static final int SUB_ABS_SEND_TIME_ID = 5;

  private static final Fingerprint FINGERPRINT = Fingerprint.parse("sha-256 " + "AB:".repeat(31) + "AB");

  private Negotiated() {
  }

  static RtpCodec opus(int payloadType) {
    return new RtpCodec(payloadType, "opus", 48000, 2, "minptime=10;useinbandfec=1", List.of());
  }

  static RtpCodec vp8(int payloadType) {
    return new RtpCodec(payloadType, "VP8", 90000, 1, "", List.of("nack", "nack pli", "ccm fir", "goog-remb"));
  }

  static RtpCodec h264(int payloadType) {
    return new RtpCodec(payloadType, "H264", 90000, 1, "packetization-mode=1", List.of("nack", "nack pli"));
  }

  static NegotiatedMedia media(int index, MediaKind kind, Direction direction, RtpCodec codec, long localSsrc,
      HeaderExtension... extensions) {
    return new NegotiatedMedia(index, Integer.toString(index), kind, false, direction, List.of(codec),
        List.of(extensions), List.of(), direction.sends() ? localSsrc : 0, "");
  }

  static NegotiatedSession session(NegotiatedMedia... media) {
    return new NegotiatedSession("v=0\r\n", List.of(media), new IceCredentials("ufrag", "passwordpasswordpassword"),
        FINGERPRINT, "active");
  }

  /** What a browser that only publishes negotiates with us: we receive opus and VP8. */
  static NegotiatedSession publisher() {
    return session(
        media(0, MediaKind.AUDIO, Direction.RECVONLY, opus(PUB_OPUS), 0,
            new HeaderExtension(PUB_AUDIO_LEVEL_ID, AUDIO_LEVEL),
            new HeaderExtension(PUB_ABS_SEND_TIME_ID, ABS_SEND_TIME)),
        media(1, MediaKind.VIDEO, Direction.RECVONLY, vp8(PUB_VP8), 0,
            new HeaderExtension(PUB_ABS_SEND_TIME_ID, ABS_SEND_TIME)));
  }

  /** What a browser that only subscribes negotiates: we send opus and VP8 under the given SSRCs. */
  static NegotiatedSession subscriber(long audioSsrc, long videoSsrc) {
    return session(
        media(0, MediaKind.AUDIO, Direction.SENDONLY, opus(SUB_OPUS), audioSsrc,
            new HeaderExtension(SUB_ABS_SEND_TIME_ID, ABS_SEND_TIME)),
        media(1, MediaKind.VIDEO, Direction.SENDONLY, vp8(SUB_VP8), videoSsrc,
            new HeaderExtension(SUB_ABS_SEND_TIME_ID, ABS_SEND_TIME)));
  }
}
