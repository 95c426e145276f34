package dev.switchboard.medianode.media;

import dev.switchboard.medianode.config.MediaNodeConfig;
import dev.switchboard.webrtc.dtls.DtlsCertificate;
import dev.switchboard.webrtc.ice.HostAddresses;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.ice.IceCredentials;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The node-wide media resources every WebRtcEndpoint shares: one DTLS certificate (RFC 8827
 * §6.5 allows reuse across sessions) and the host candidates of the single shared UDP port
 * (RFC 8445 §5.1.1.1). Immutable after creation; thread-safe.
 */
public final class NodeMedia {
  private final DtlsCertificate certificate;
  private final List<IceCandidate> hostCandidates;
  private final RandomGenerator random = new SecureRandom();

  private NodeMedia(DtlsCertificate certificate, List<IceCandidate> hostCandidates) {
    this.certificate = certificate;
    this.hostCandidates = List.copyOf(hostCandidates);
  }

  public static NodeMedia create(MediaNodeConfig config, Clock clock) {
    List<InetAddress> addresses = config.announcedAddresses().isEmpty()
        ? HostAddresses.discover()
        : config.announcedAddresses().stream().map(InetAddress::ofLiteral).toList();
    List<IceCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      // Earlier addresses get the higher local preference, so an announced public IP comes first.
      candidates.add(IceCandidate.host(Integer.toString(i + 1), addresses.get(i), config.udpPort(), 65535 - i));
    }
    return new NodeMedia(DtlsCertificate.generateEcdsaP256(clock), candidates);
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
