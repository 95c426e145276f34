package dev.switchboard.wrapper.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves the discovery name to every address it has now (A and AAAA records); the seam where
 * tests put a fake DNS. Implementations must be thread-safe and may block (called on the
 * discovery thread only).
 */
@FunctionalInterface
public interface AddressResolver {
  /** Every address of {@code name}; throws when the name cannot be resolved (no record, DNS down). */
  List<InetAddress> resolve(String name) throws UnknownHostException;
}
