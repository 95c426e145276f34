package dev.switchboard.medianode.media.forward;

/**
 * Where an endpoint's outgoing packets go: SRTP/SRTCP protection (RFC 3711 §3.3, §3.4) and the
 * selected candidate pair. Media thread only; {@code buf} must have room for the auth tag after
 * {@code len} and may be overwritten.
 */
public interface RtpOutput {
  /** Whether DTLS is done and a remote address is selected, so packets can go out. */
  boolean ready();

  /** Protects {@code buf[off..off+len)} in place and sends it; the protected length, or -1 if dropped. */
  int sendRtp(byte[] buf, int off, int len);

  /**
   * Sends an already protected packet again: a NACKed packet never reached the peer, so the same
   * bytes are valid for it, while protecting the same SRTP index twice would reuse a GCM nonce.
   */
  void resendProtected(byte[] buf, int off, int len);

  void sendRtcp(byte[] buf, int off, int len);
}
