package dev.switchboard.loadtest;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Linux network namespace joined to the host by a veth pair with a /30 out of 10.201.0.0/16 (host
 * side {@code .1}, inside {@code .2}), so a server inside is reached over a real (non-loopback)
 * interface, which Janus needs for its media candidates, and both servers under test get the same
 * network path. Needs root. Names carry our process id, so {@link #create()} can remove what a
 * killed run left behind. Not thread-safe: one owner creates and closes it.
 */
final class NetworkNamespace implements AutoCloseable {
  private static final String PREFIX = "sbns-";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final String hostVeth;
  private final String innerVeth;
  private final String hostAddress;
  private final String innerAddress;
  private boolean namespaceCreated;
  private boolean vethCreated;
  private boolean closed;

  private NetworkNamespace(int block) {
    String id = HexFormat.of().toHexDigits(RANDOM.nextInt() & 0xFFFFFF).substring(2);
    this.name = PREFIX + ProcessHandle.current().pid() + "-" + id;
    this.hostVeth = "sbh" + id;
    this.innerVeth = "sbn" + id;
    String prefix = "10.201." + (block >> 6) + ".";
    int base = (block & 63) * 4;
    this.hostAddress = prefix + (base + 1);
    this.innerAddress = prefix + (base + 2);
  }

  /** Creates the namespace and the veth pair with their addresses, all links up; bounded by {@link Commands}. */
  static NetworkNamespace create() {
    removeLeftovers();
    NetworkNamespace ns = new NetworkNamespace(freeBlock());
    try {
      ns.setUp();
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  private void setUp() {
    Commands.run("ip", "netns", "add", name);
    namespaceCreated = true;
    Commands.run("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", innerVeth);
    vethCreated = true;
    Commands.run("ip", "link", "set", innerVeth, "netns", name);
    Commands.run("ip", "addr", "add", hostAddress + "/30", "dev", hostVeth);
    Commands.run("ip", "link", "set", hostVeth, "up");
    Commands.run("ip", "netns", "exec", name, "ip", "addr", "add", innerAddress + "/30", "dev", innerVeth);
    Commands.run("ip", "netns", "exec", name, "ip", "link", "set", innerVeth, "up");
    Commands.run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
  }

  /**
   * {@code command} run inside the namespace. {@code ip netns exec} enters it and execs the command,
   * so the started process's id is the command's own.
   */
  List<String> exec(List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(command);
    return full;
  }

  String name() {
    return name;
  }

  /** The host side of the veth pair: where our peers bind so the server inside can reach them. */
  String hostAddress() {
    return hostAddress;
  }

  /** The address inside the namespace, where the server listens. */
  String innerAddress() {
    return innerAddress;
  }

  /** The interface inside the namespace. */
  String innerInterface() {
    return innerVeth;
  }

  /** Removes the veth pair and the namespace; problems are printed, not thrown. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<String> problems = new ArrayList<>();
    if (vethCreated) {
      // Deleting one end removes the pair, wherever the other end is.
      Commands.bestEffort(problems, "ip", "link", "del", hostVeth);
    }
    if (namespaceCreated) {
      Commands.bestEffort(problems, "ip", "netns", "del", name);
    }
    if (!problems.isEmpty()) {
      System.err.println("network namespace " + name + ": tear-down problems: " + problems);
    }
  }

  /** Namespaces (and their veth pairs) left by benchmark JVMs that died without cleaning up. */
  private static void removeLeftovers() {
    for (String line : Commands.run("ip", "netns", "list").split("\n")) {
      String ns = line.trim().split("\\s+")[0];
      if (!ns.startsWith(PREFIX)) {
        continue;
      }
      String[] parts = ns.substring(PREFIX.length()).split("-");
      try {
        if (parts.length == 2 && ProcessHandle.of(Long.parseLong(parts[0])).isEmpty()) {
          List<String> ignored = new ArrayList<>();
          Commands.bestEffort(ignored, "ip", "link", "del", "sbh" + parts[1]);
          Commands.bestEffort(ignored, "ip", "netns", "del", ns);
        }
      } catch (NumberFormatException e) {
        // not one of ours after all
      }
    }
  }

  /** A /30 in 10.201.0.0/16 that no host interface uses yet; at most 20 random tries. */
  private static int freeBlock() {
    String used = Commands.run("ip", "-o", "-4", "addr", "show");
    for (int i = 0; i < 20; i++) {
      int block = RANDOM.nextInt(1 << 14);
      String prefix = "10.201." + (block >> 6) + "." + ((block & 63) * 4 + 1) + "/";
      if (!used.contains(prefix)) {
        return block;
      }
    }
    throw new IllegalStateException("no free /30 in 10.201.0.0/16 after 20 tries");
  }
}
