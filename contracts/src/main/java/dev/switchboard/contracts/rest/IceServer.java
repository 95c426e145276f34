package dev.switchboard.contracts.rest;

import java.util.List;

/**
 * One entry of a browser's {@code RTCConfiguration.iceServers}: TURN URIs and the time-limited
 * credential that opens them (the TURN REST API scheme: {@code username} is
 * {@code <expiry in Unix seconds>:<participant id>}, {@code credential} its HMAC under the secret
 * shared with the TURN server).
 */
public record IceServer(List<String> urls, String username, String credential) {
  public IceServer {
    urls = List.copyOf(urls);
  }
}
