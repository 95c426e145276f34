package dev.switchboard.medianode.media;

import dev.switchboard.medianode.MediaNode;
import dev.switchboard.medianode.config.ConfigLoader;
import dev.switchboard.webrtc.peer.HeadlessPeer;
import dev.switchboard.webrtc.peer.PeerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kurento.client.ConnectionState;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;

/**
 * A medianode on free ports announcing 127.0.0.1, a KurentoClient on it, and headless peers
 * negotiated the way Kurento's tutorials negotiate browsers; closes everything it made.
 */
final class MediaNodeFixture implements AutoCloseable {
  final MediaNode node;
  final KurentoClient kurento;
  final MediaPipeline pipeline;
  private final List<HeadlessPeer> peers = new ArrayList<>();

  MediaNodeFixture() throws InterruptedException {
    node = MediaNode.start(ConfigLoader.load(
        new String[] {"--port", "0", "--udp-port", "0", "--announced-ip", "127.0.0.1"}, Map.of()), Clock.systemUTC());
    kurento = KurentoClient.create(node.url().toString());
    pipeline = kurento.createMediaPipeline();
  }

  /**
   * processOffer, the answer to the peer, gatherCandidates, then ICE and DTLS from the peer's side;
   * returns once the node reports the endpoint CONNECTED too. The peer finishes its handshake a
   * moment before the node's side takes its SRTP keys, and a warm JVM sends its first packets into
   * that gap, where the node drops them as not ready.
   */
  HeadlessPeer negotiate(WebRtcEndpoint endpoint, PeerOptions options) {
    AtomicBoolean connected = new AtomicBoolean();
    endpoint.addConnectionStateChangedListener(e -> {
      if (e.getNewState() == ConnectionState.CONNECTED) {
        connected.set(true);
      }
    });
    HeadlessPeer peer = HeadlessPeer.create(options);
    peers.add(peer);
    String answer = endpoint.processOffer(peer.createOffer());
    peer.acceptAnswer(answer);
    endpoint.gatherCandidates();
    peer.connect();
    Await.until(Duration.ofSeconds(10), connected::get, () -> "the node never reported the endpoint CONNECTED");
    return peer;
  }

  WebRtcEndpoint endpoint() {
    return new WebRtcEndpoint.Builder(pipeline).build();
  }

  @Override
  public void close() {
    peers.forEach(HeadlessPeer::close);
    kurento.destroy();
    node.close();
  }
}
