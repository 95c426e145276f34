package dev.switchboard.loadtest;

import dev.switchboard.webrtc.peer.HeadlessPeer;
import java.net.InetAddress;

/**
 * An SFU the forwarding scenario loads: it connects headless publishers and subscribers through the
 * server's own signalling, and names the server process whose CPU and memory are measured. Called
 * from the scenario's thread only.
 */
interface ForwardTarget extends AutoCloseable {

  /** A publisher the target knows, for subscribing to it. */
  interface Feed {
  }

  /** Short name for reports: "medianode", "janus". */
  String name();

  /** The server process: its CPU and RSS are what we compare. */
  long serverPid();

  /** The local address our peers must bind to for the server to reach them. */
  InetAddress peerAddress();

  /** Negotiates a sending peer (audio + video) and connects it (ICE, DTLS), bounded by the peer's timeout. */
  Feed publish(HeadlessPeer publisher);

  /** Negotiates a receiving peer for {@code feed} and connects it. */
  void subscribe(Feed feed, HeadlessPeer subscriber);

  /** A one-line note on anything the server reported meanwhile (e.g. Janus hangups), or "". */
  default String notes() {
    return "";
  }

  @Override
  void close();
}
