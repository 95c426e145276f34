package dev.switchboard.medianode.config;

import java.time.Duration;
import java.util.List;

/**
 * The medianode's whole configuration, typed and validated once at start-up (see
 * {@link ConfigLoader} for keys, defaults and sources). Immutable.
 *
 * @param host address the Kurento JSON-RPC WebSocket binds to
 * @param port TCP port of that WebSocket
 * @param path WebSocket path, without the leading slash (KMS default {@code kurento})
 * @param announcedAddresses addresses put in ICE candidates; empty means this host's interfaces
 * @param udpPort the one UDP port every WebRtcEndpoint of this node shares
 * @param gcPeriod how long a session may stay without a socket before its objects are released
 * @param maxMessageBytes largest JSON-RPC message accepted; bigger ones get an error and are discarded
 * @param maxRemoteCandidates remote ICE candidates accepted per endpoint
 * @param maxObjects media objects this node holds at most (pipelines and elements together)
 * @param udpBindAddress address the media UDP port binds to; empty means every interface
 * @param secret the shared secret clients must send; empty means none
 * @param drainTimeout on SIGTERM, how long the node keeps serving while pipelines remain; zero
 *     exits at once
 */
public record MediaNodeConfig(
    String host,
    int port,
    String path,
    List<String> announcedAddresses,
    int udpPort,
    Duration gcPeriod,
    int maxMessageBytes,
    int maxRemoteCandidates,
    int maxObjects,
    String udpBindAddress,
    String secret,
    Duration drainTimeout) {

  public MediaNodeConfig {
    announcedAddresses = List.copyOf(announcedAddresses);
    secret = secret == null ? "" : secret;
    drainTimeout = drainTimeout == null ? Duration.ZERO : drainTimeout;
  }

  /** Whether the Kurento endpoint needs the shared secret. */
  public boolean requiresSecret() {
    return !secret.isEmpty();
  }

  /** Keeps the secret out of logs. */
  @Override
  public String toString() {
    return "MediaNodeConfig[host=" + host + ", port=" + port + ", path=" + path + ", announcedAddresses="
        + announcedAddresses + ", udpPort=" + udpPort + ", gcPeriod=" + gcPeriod + ", maxMessageBytes="
        + maxMessageBytes + ", maxRemoteCandidates=" + maxRemoteCandidates + ", maxObjects=" + maxObjects
        + ", udpBindAddress=" + udpBindAddress + ", secret=" + (requiresSecret() ? "(set)" : "(none)") + ", drainTimeout=" + drainTimeout + "]";
  }

  /** The defaults, as documented in {@link ConfigLoader#SETTINGS}. */
  public static MediaNodeConfig defaults() {
    return ConfigLoader.load(new String[0], java.util.Map.of());
  }

  public MediaNodeConfig withPort(int newPort) {
    return new MediaNodeConfig(host, newPort, path, announcedAddresses, udpPort, gcPeriod, maxMessageBytes,
        maxRemoteCandidates, maxObjects, udpBindAddress, secret, drainTimeout);
  }

  public MediaNodeConfig withGcPeriod(Duration period) {
    return new MediaNodeConfig(host, port, path, announcedAddresses, udpPort, period, maxMessageBytes,
        maxRemoteCandidates, maxObjects, udpBindAddress, secret, drainTimeout);
  }

  public MediaNodeConfig withUdpPort(int newUdpPort) {
    return new MediaNodeConfig(host, port, path, announcedAddresses, newUdpPort, gcPeriod, maxMessageBytes,
        maxRemoteCandidates, maxObjects, udpBindAddress, secret, drainTimeout);
  }

  public MediaNodeConfig withDrainTimeout(Duration timeout) {
    return new MediaNodeConfig(host, port, path, announcedAddresses, udpPort, gcPeriod, maxMessageBytes,
        maxRemoteCandidates, maxObjects, udpBindAddress, secret, timeout);
  }

  public String url() {
    return "ws://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + path;
  }
}
