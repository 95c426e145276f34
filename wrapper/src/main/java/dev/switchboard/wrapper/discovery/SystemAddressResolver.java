package dev.switchboard.wrapper.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The JVM's resolver ({@link InetAddress#getAllByName}): the system's DNS (or
 * {@code -Djdk.net.hosts.file}). Its answers pass through the JVM's address cache, which keeps a
 * positive answer 30 s unless {@code networkaddress.cache.ttl} says otherwise; {@link DnsCacheTtl}
 * lowers it at start-up so that a pod's arrival or departure is seen within the discovery
 * interval. Stateless.
 */
public final class SystemAddressResolver implements AddressResolver {
  @Override
  public List<InetAddress> resolve(String name) throws UnknownHostException {
    return List.of(InetAddress.getAllByName(name));
  }
}
