package dev.switchboard.wrapper.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Makes the default instance id, hostname plus a short random suffix; stateless. */
final class InstanceIds {
  private InstanceIds() {}

  /**
   * The suffix keeps two instances in one JVM (or two pods sharing a hostname) apart. A random id
   * also means a restarted instance does not find its saved change-stream position: deployments
   * that want resumption set a stable {@code instance-id} (for example the pod name). Its recorded
   * endpoint subscriptions are not lost either way: once the old id's heartbeat is stale, another
   * instance (or the restarted one) takes them over.
   */
  static String generate() {
    byte[] suffix = new byte[3];
    ThreadLocalRandom.current().nextBytes(suffix);
    return hostname() + "-" + HexFormat.of().formatHex(suffix);
  }

  private static String hostname() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "wrapper";
    }
  }
}
