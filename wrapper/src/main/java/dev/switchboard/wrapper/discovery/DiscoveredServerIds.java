package dev.switchboard.wrapper.discovery;

import dev.switchboard.wrapper.config.DiscoveryProperties;
import dev.switchboard.wrapper.config.WrapperProperties.MediaServerSpec;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The id and URI of a discovered media server, derived from its address alone
 * ({@code dns-10.0.0.7}; IPv6 with {@code _} for {@code :}, as ids allow no colon), so that every
 * wrapper names the same pod the same way without talking to the others, and an id read from a
 * session document leads back to the server. Stateless.
 */
public final class DiscoveredServerIds {
  static final String PREFIX = "dns-";

  private DiscoveredServerIds() {}

  public static String idOf(InetAddress address) {
    String host = address.getHostAddress();
    int scope = host.indexOf('%');
    if (scope >= 0) {
      host = host.substring(0, scope);
    }
    return PREFIX + host.replace(':', '_');
  }

  /** The address an id was derived from; empty for any other id (a configured server). */
  public static Optional<InetAddress> addressOf(String id) {
    if (id == null || !id.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String literal = id.substring(PREFIX.length()).replace('_', ':');
    if (literal.isEmpty() || !literal.matches("[0-9A-Fa-f.:]+")) {
      return Optional.empty();
    }
    try {
      InetAddress address = InetAddress.ofLiteral(literal);
      return idOf(address).equals(id) ? Optional.of(address) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public static MediaServerSpec specOf(InetAddress address, DiscoveryProperties settings) {
    String host = address.getHostAddress();
    int scope = host.indexOf('%');
    if (scope >= 0) {
      host = host.substring(0, scope);
    }
    String authority = address instanceof Inet6Address ? "[" + host + "]" : host;
    return new MediaServerSpec(idOf(address), "ws://" + authority + ":" + settings.port() + "/" + settings.path());
  }

  /** The spec of a discovered id, for an id another instance stored before this one resolved it. */
  public static Optional<MediaServerSpec> specOf(String id, DiscoveryProperties settings) {
    return addressOf(id).map(address -> specOf(address, settings));
  }
}
