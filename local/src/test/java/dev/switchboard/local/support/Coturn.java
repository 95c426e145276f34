package dev.switchboard.local.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * coturn started by deploy/turn/run-coturn.sh (the shipped configuration) on 127.0.0.1 for one test
 * class, with a secret file and the allowed peers it is given; Debian's {@code coturn} must be
 * installed (with CI=true its absence fails, elsewhere the test is skipped). Not thread-safe.
 */
public final class Coturn implements AutoCloseable {
  private final Process process;
  private final InetSocketAddress address;
  private final Path log;

  private Coturn(Process process, InetSocketAddress address, Path log) {
    this.process = process;
    this.address = address;
    this.log = log;
  }

  /**
   * Starts coturn relaying from 127.0.0.1 with {@code secret}, allowing peers {@code allowedPeers}
   * (space-separated, as TURN_ALLOWED_PEER_IPS) and waits until it answers.
   */
  public static Coturn start(Path dir, String secret, String allowedPeers) throws Exception {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/turnserver"));
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("coturn is not installed (apt-get install -y coturn); CI must run this test");
    }
    Assumptions.assumeTrue(installed, "coturn is not installed (apt-get install -y coturn)");
    Path secretFile = dir.resolve("turn-secret");
    Files.writeString(secretFile, secret);
    int port;
    try (DatagramSocket probe = new DatagramSocket(0)) {
      port = probe.getLocalPort();
    }
    Path script = Path.of("..", "deploy", "turn", "run-coturn.sh").toAbsolutePath().normalize();
    List<String> command = new ArrayList<>(List.of(script.toString(), "--listening-ip=127.0.0.1",
        "--listening-port=" + port, "--relay-ip=127.0.0.1", "--min-port=49500", "--max-port=49600", "--no-tls",
        "--no-dtls",
        // coturn refuses every loopback peer unless told otherwise, before its allow and deny lists; the
        // media servers of a test live on loopback, so loopback falls to the shipped deny list, which
        // still refuses 127.0.0.0/8 except the allowed peers.
        "--allow-loopback-peers",
        // Tests read the allocations from the log; the shipped configuration logs only problems.
        "--verbose"));
    Path log = dir.resolve("coturn.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TURN_SECRET_FILE", secretFile.toString());
    builder.environment().put("TURN_ALLOWED_PEER_IPS", allowedPeers);
    builder.environment().put("TMPDIR", dir.toString());
    Coturn coturn = new Coturn(builder.start(), new InetSocketAddress("127.0.0.1", port), log);
    try {
      coturn.awaitListening();
    } catch (Exception | Error e) {
      coturn.close();
      throw e;
    }
    return coturn;
  }

  public InetSocketAddress address() {
    return address;
  }

  /** {@code turn:127.0.0.1:<port>?transport=udp}. */
  public String uri() {
    return "turn:127.0.0.1:" + address.getPort() + "?transport=udp";
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  /** coturn answers an unauthenticated Allocate with 401 once it listens. */
  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      try (TurnTestClient probe = new TurnTestClient(address, "0:probe", "x")) {
        if (probe.allocate().errorCode() != null) {
          return;
        }
      } catch (IOException | IllegalStateException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("coturn did not start: " + log(), e);
        }
        Thread.sleep(200);
      }
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
