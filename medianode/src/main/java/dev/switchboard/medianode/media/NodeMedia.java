package dev.switchboard.medianode.media;

import dev.switchboard.medianode.config.MediaNodeConfig;
import dev.switchboard.webrtc.dtls.DtlsCertificate;
import dev.switchboard.webrtc.ice.HostAddresses;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.ice.IceCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The node-wide media resources every WebRtcEndpoint shares: one DTLS certificate (RFC 8827
 * §6.5 allows reuse across sessions), the host candidates of the single shared UDP port
 * (RFC 8445 §5.1.1.1) and the media plane behind that port. Immutable after creation; thread-safe.
 */
public final class NodeMedia {
  private final DtlsCertificate certificate;
  private final List<IceCandidate> hostCandidates;
  private final MediaPlane plane;
  private final RandomGenerator random = new SecureRandom();

  private NodeMedia(DtlsCertificate certificate, List<IceCandidate> hostCandidates, MediaPlane plane) {
    this.certificate = certificate;
    this.hostCandidates = List.copyOf(hostCandidates);
    this.plane = plane;
  }

  /** Binds the shared UDP port (on every interface unless udp-bind-address names one) and announces it on the configured or discovered addresses. */
  public static NodeMedia create(MediaNodeConfig config, Clock clock) throws IOException {
    DtlsCertificate certificate = DtlsCertificate.generateEcdsaP256(clock);
    InetSocketAddress bind = config.udpBindAddress().isEmpty()
        ? new InetSocketAddress(config.udpPort())
        : new InetSocketAddress(InetAddress.ofLiteral(config.udpBindAddress()), config.udpPort());
    MediaPlane plane = MediaPlane.start(bind, certificate, System::nanoTime,
        clock.millis());
    List<InetAddress> addresses = config.announcedAddresses().isEmpty()
        ? HostAddresses.discover()
        : config.announcedAddresses().stream().map(InetAddress::ofLiteral).toList();
    List<IceCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      // Earlier addresses get the higher local preference, so an announced public IP comes first.
      candidates.add(IceCandidate.host(Integer.toString(i + 1), addresses.get(i), plane.port(), 65535 - i));
    }
    if (!addresses.isEmpty()) {
      plane.setAnnounced(new InetSocketAddress(addresses.getFirst(), plane.port()));
    }
    return new NodeMedia(certificate, candidates, plane);
  }

  public MediaPlane plane() {
    return plane;
  }

  public DtlsCertificate certificate() {
    return certificate;
  }

  public List<IceCandidate> hostCandidates() {
    return hostCandidates;
  }

  public IceCredentials newIceCredentials() {
    return IceCredentials.random();
  }

  public RandomGenerator random() {
    return random;
  }
}
