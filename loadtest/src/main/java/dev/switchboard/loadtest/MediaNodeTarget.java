package dev.switchboard.loadtest;

import dev.switchboard.webrtc.peer.HeadlessPeer;
import java.io.IOException;
import java.net.InetAddress;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;

/**
 * Our medianode as a forwarding target, in its own process (in a network namespace like Janus, or on
 * 127.0.0.1), wired with kurento-client as the group-call tutorial does: one pipeline, a sendonly
 * endpoint per publisher, a recvonly endpoint per subscriber, {@code publisher.connect(subscriber)}.
 * Confined to the scenario's thread.
 */
final class MediaNodeTarget implements ForwardTarget {
  private final MediaNodeServer server;
  private final InetAddress peerAddress;
  private final KurentoClient kurento;
  private final MediaPipeline pipeline;

  private record Source(WebRtcEndpoint endpoint) implements Feed {
  }

  private MediaNodeTarget(MediaNodeServer server) throws IOException {
    this.server = server;
    this.peerAddress = server.peerAddress();
    this.kurento = KurentoClient.create(server.url());
    this.pipeline = kurento.createMediaPipeline();
  }

  /** Starts the node; {@code isolated} puts it in a network namespace, as Janus is. */
  static MediaNodeTarget start(boolean isolated) throws IOException, InterruptedException {
    MediaNodeServer server = MediaNodeServer.start(isolated);
    try {
      return new MediaNodeTarget(server);
    } catch (RuntimeException | IOException e) {
      server.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return "medianode";
  }

  @Override
  public long serverPid() {
    return server.pid();
  }

  @Override
  public InetAddress peerAddress() {
    return peerAddress;
  }

  @Override
  public Feed publish(HeadlessPeer publisher) {
    WebRtcEndpoint source = new WebRtcEndpoint.Builder(pipeline).build();
    negotiate(source, publisher);
    return new Source(source);
  }

  @Override
  public void subscribe(Feed feed, HeadlessPeer subscriber) {
    WebRtcEndpoint sink = new WebRtcEndpoint.Builder(pipeline).build();
    ((Source) feed).endpoint().connect(sink);
    negotiate(sink, subscriber);
  }

  private static void negotiate(WebRtcEndpoint endpoint, HeadlessPeer peer) {
    peer.acceptAnswer(endpoint.processOffer(peer.createOffer()));
    endpoint.gatherCandidates();
    peer.connect();
  }

  @Override
  public String notes() {
    return "medianode reached at " + server.url() + ", peers on " + peerAddress.getHostAddress();
  }

  @Override
  public void close() {
    try {
      pipeline.release();
    } catch (RuntimeException e) {
      // the node goes away with its process anyway
    }
    kurento.destroy();
    server.close();
  }
}
