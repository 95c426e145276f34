package dev.switchboard.medianode.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;

/**
 * Ports free right now, for the medianode processes that tests and benchmarks start: asked of the
 * operating system by binding port 0 on every address and letting go. Another process may take
 * the port before ours binds it; callers that can, bind port 0 themselves instead. Stateless.
 * (The local module has its own: it sits above this one and cannot see test code.)
 */
public final class FreePorts {
  private FreePorts() {}

  /** A TCP port free on every address. */
  public static int tcp() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free TCP port", e);
    }
  }

  /** A UDP port free on every address. */
  public static int udp() {
    try (DatagramSocket socket = new DatagramSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free UDP port", e);
    }
  }
}
