package dev.switchboard.medianode.media.transport;

/** Why the media plane discarded a datagram; each reason has its own counter in {@link MediaCounters}. */
public enum DropReason {
  UNKNOWN_PROTOCOL,
  MALFORMED_STUN,
  STUN_UNKNOWN_USERNAME,
  STUN_REJECTED,
  UNKNOWN_ADDRESS,
  DTLS_QUEUE_FULL,
  DTLS_NOT_EXPECTED,
  SRTP_NOT_READY,
  SRTP_AUTH_FAILED,
  SRTP_REPLAYED,
  SRTP_MALFORMED,
  RTP_MALFORMED,
  RTP_UNKNOWN_PAYLOAD_TYPE,
  RTCP_MALFORMED,
  CODEC_MISMATCH,
  TOO_MANY_ADDRESSES
}
