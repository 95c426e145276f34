package dev.switchboard.webrtc.peer;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link HeadlessPeer} offers and connects; immutable.
 *
 * @param bindAddress   local address of the peer's UDP socket (127.0.0.1 in tests)
 * @param audio         offer an audio section
 * @param video         offer a video section
 * @param send          we send media (publisher)
 * @param receive       we receive media (subscriber)
 * @param connectTimeout limit for ICE plus DTLS
 */
public record PeerOptions(InetAddress bindAddress, boolean audio, boolean video, boolean send, boolean receive,
                          Duration connectTimeout) {

  public PeerOptions {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (!audio && !video) {
      throw new IllegalArgumentException("a peer needs audio or video");
    }
    if (!send && !receive) {
      throw new IllegalArgumentException("a peer needs to send or receive");
    }
  }

  /** Audio and video on loopback, publishing. */
  public static PeerOptions publisher() {
    return new PeerOptions(InetAddress.getLoopbackAddress(), true, true, true, false, Duration.ofSeconds(10));
  }

  /** Audio and video on loopback, subscribing. */
  public static PeerOptions subscriber() {
    return new PeerOptions(InetAddress.getLoopbackAddress(), true, true, false, true, Duration.ofSeconds(10));
  }
}
