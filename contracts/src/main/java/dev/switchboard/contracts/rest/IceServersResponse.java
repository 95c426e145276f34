package dev.switchboard.contracts.rest;

import java.util.List;

/**
 * Answer of {@code GET .../participants/{pid}/ice-servers}: what the client passes as
 * {@code iceServers} to every RTCPeerConnection (empty when no TURN server is configured), and
 * when the credentials expire (Unix seconds; 0 when there are none), so a client asks again before.
 */
public record IceServersResponse(List<IceServer> iceServers, long expiresAt) {
  public IceServersResponse {
    iceServers = List.copyOf(iceServers);
  }
}
