package dev.switchboard.medianode.media.transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the endpoint a datagram on the shared port belongs to: STUN by the local ufrag in its
 * USERNAME (RFC 8445 §7.3), everything else by the source address a valid check has bound
 * (RFC 8445 §7.3.1.4 peer-reflexive learning, RFC 7983 §7 demultiplexing). Media thread only.
 */
public final class TransportRegistry {
  /** Addresses one endpoint may bind: a browser checks a handful of candidate pairs, not hundreds. */
  static final int MAX_ADDRESSES_PER_ENDPOINT = 8;

  private final Map<String, EndpointTransport> byUfrag = new HashMap<>();
  private final Map<InetSocketAddress, EndpointTransport> byAddress = new HashMap<>();
  private final List<EndpointTransport> all = new ArrayList<>();

  public void add(EndpointTransport transport) {
    byUfrag.put(transport.localUfrag(), transport);
    all.add(transport);
  }

  public void remove(EndpointTransport transport) {
    byUfrag.remove(transport.localUfrag(), transport);
    for (InetSocketAddress a : transport.addresses()) {
      byAddress.remove(a, transport);
    }
    all.remove(transport);
  }

  EndpointTransport byUfrag(String ufrag) {
    return ufrag == null ? null : byUfrag.get(ufrag);
  }

  EndpointTransport byAddress(InetSocketAddress address) {
    return byAddress.get(address);
  }

  /**
   * Binds {@code address} to {@code transport}; an address another endpoint held moves, because a
   * NAT may reuse a port for a new client once the old one left.
   */
  boolean bind(InetSocketAddress address, EndpointTransport transport) {
    EndpointTransport previous = byAddress.get(address);
    if (previous == transport) {
      return true;
    }
    if (transport.addresses().size() >= MAX_ADDRESSES_PER_ENDPOINT) {
      return false;
    }
    if (previous != null) {
      previous.forgetAddress(address);
    }
    byAddress.put(address, transport);
    transport.rememberAddress(address);
    return true;
  }

  public List<EndpointTransport> all() {
    return all;
  }

  public int size() {
    return all.size();
  }

  public int boundAddresses() {
    return byAddress.size();
  }
}
