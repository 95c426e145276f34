package dev.switchboard.e2e.chaos;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A RabbitMQ node owned by one test, never the system one: its own node name, AMQP and
 * distribution ports, data, logs, Erlang cookie (HOME) and an empty plugin list, all in one
 * folder. {@link #stop} and {@link #start} keep the data folder, so durable queues and persistent
 * messages survive a restart. Not thread-safe: one test thread drives it.
 */
final class ScratchRabbit implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final List<Path> SERVER_CANDIDATES = List.of(Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server"),
      Path.of("/usr/local/sbin/rabbitmq-server"), Path.of("/opt/homebrew/sbin/rabbitmq-server"),
      Path.of("/usr/sbin/rabbitmq-server"));

  private final Path dir;
  private final Path server;
  private final Path ctl;
  private final String node;
  private final int amqpPort;
  private final int distPort;
  private Process process;

  private ScratchRabbit(Path dir, Path server, int amqpPort, int distPort) {
    this.dir = dir;
    this.server = server;
    this.ctl = server.resolveSibling("rabbitmqctl");
    this.node = "chaos-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
    this.amqpPort = amqpPort;
    this.distPort = distPort;
  }

  /**
   * Starts a node in {@code dir} and creates the vhost the services use (SPRING_RABBITMQ_VIRTUALHOST,
   * which they inherit). Without rabbitmq-server the test fails under CI=true and is skipped otherwise.
   */
  static ScratchRabbit start(Path dir) throws Exception {
    Path server = SERVER_CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
    if (server == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("rabbitmq-server is not installed (looked in " + SERVER_CANDIDATES + ")");
      }
      Assumptions.abort("rabbitmq-server is not installed");
    }
    Files.createDirectories(dir.resolve("home"));
    Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
    ScratchRabbit rabbit = new ScratchRabbit(dir, server, freePort(), freePort());
    rabbit.start();
    String vhost = System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/");
    if (!vhost.equals("/")) {
      rabbit.ctl("add_vhost", vhost);
      rabbit.ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }
    return rabbit;
  }

  String amqpUri() {
    return "amqp://guest:guest@127.0.0.1:" + amqpPort;
  }

  /** Starts the node (again, on the same data) and waits until its AMQP port accepts connections. */
  void start() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(server.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.out").toFile()));
    builder.environment().putAll(environment());
    process = builder.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!accepting()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("scratch RabbitMQ " + node + " did not start; see " + dir.resolve("server.out"));
      }
      Thread.sleep(100);
    }
  }

  /** A clean broker stop ({@code rabbitmqctl stop}), as a rolling restart does; waits until the node is gone. */
  void stop() throws Exception {
    ctl("stop");
    if (process != null && !process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private boolean accepting() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", amqpPort), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void ctl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ctl.toString(), "-n", node));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ctl.out").toFile()));
    builder.environment().putAll(environment());
    Process ctlProcess = builder.start();
    if (!ctlProcess.waitFor(60, TimeUnit.SECONDS) || ctlProcess.exitValue() != 0) {
      ctlProcess.destroyForcibly();
      throw new IOException("rabbitmqctl " + String.join(" ", args) + " failed; see " + dir.resolve("ctl.out"));
    }
  }

  private Map<String, String> environment() {
    return Map.of(
        // Its own Erlang cookie: the system node's is left alone.
        "HOME", dir.resolve("home").toString(),
        "RABBITMQ_NODENAME", node,
        "RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1",
        "RABBITMQ_NODE_PORT", String.valueOf(amqpPort),
        "RABBITMQ_DIST_PORT", String.valueOf(distPort),
        "RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString(),
        "RABBITMQ_LOG_BASE", dir.resolve("log").toString(),
        "RABBITMQ_PID_FILE", dir.resolve("rabbit.pid").toString(),
        "RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString(),
        // A path with no file: no configuration at all.
        "RABBITMQ_CONFIG_FILE", dir.resolve("no-config").toString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      if (process != null && process.isAlive()) {
        stop();
      }
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }
}
