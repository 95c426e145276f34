package dev.switchboard.medianode.browser;

import java.util.Locale;

/** The kurento-utils WebRtcPeer modes peer.js can build an RTCPeerConnection in. */
public enum PeerMode {
  SENDRECV, SENDONLY, RECVONLY;

  String js() {
    return name().toLowerCase(Locale.ROOT);
  }
}
