package dev.switchboard.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A RabbitMQ node owned by one test or benchmark, never the system one: its own node name, AMQP and
 * distribution ports, data, logs, Erlang cookie (HOME) and an empty plugin list, all in one folder,
 * optionally with a raised open-files limit so that it can hold tens of thousands of queues.
 * {@link #stop} and {@link #start()} keep the data folder, so durable queues and persistent messages
 * survive a restart. Not thread-safe: one thread drives it.
 */
public final class ScratchRabbit implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CTL_TIMEOUT = Duration.ofSeconds(120);
  private static final List<Path> SERVER_CANDIDATES = List.of(Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server"),
      Path.of("/usr/local/sbin/rabbitmq-server"), Path.of("/opt/homebrew/sbin/rabbitmq-server"),
      Path.of("/usr/sbin/rabbitmq-server"));

  /**
   * How to start a node: the vhost to create ("/" creates none) and the open-files limit to run it
   * with (0 keeps the inherited one; the broker's default of 1,024 is exhausted by a few hundred
   * idle queues).
   */
  public record Options(String vhost, int maxOpenFiles) {
    public static Options defaults() {
      return new Options("/", 0);
    }
  }

  private final Path dir;
  private final Path server;
  private final Path ctl;
  private final String node;
  private final int amqpPort;
  private final int distPort;
  private final Options options;
  private Process process;

  private ScratchRabbit(Path dir, Path server, int amqpPort, int distPort, Options options) {
    this.dir = dir;
    this.server = server;
    this.ctl = server.resolveSibling("rabbitmqctl");
    this.node = "scratch-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
    this.amqpPort = amqpPort;
    this.distPort = distPort;
    this.options = options;
  }

  /** The rabbitmq-server script, if installed; callers decide whether its absence skips or fails. */
  public static Optional<Path> findServer() {
    return SERVER_CANDIDATES.stream().filter(Files::isExecutable).findFirst();
  }

  /** Where {@link #findServer} looks, for messages. */
  public static List<Path> serverCandidates() {
    return SERVER_CANDIDATES;
  }

  /**
   * Starts a node in {@code dir}, waits until it accepts AMQP connections and creates the vhost.
   *
   * @throws IllegalStateException when rabbitmq-server is not installed
   */
  public static ScratchRabbit start(Path dir, Options options) throws Exception {
    Path server = findServer().orElseThrow(() -> new IllegalStateException(
        "rabbitmq-server is not installed (looked in " + SERVER_CANDIDATES + ")"));
    Files.createDirectories(dir.resolve("home"));
    Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
    ScratchRabbit rabbit = new ScratchRabbit(dir, server, FreePorts.tcp(), FreePorts.tcp(), options);
    try {
      rabbit.start();
      String vhost = options.vhost();
      if (!vhost.equals("/")) {
        rabbit.ctl("add_vhost", vhost);
        rabbit.ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
      }
      return rabbit;
    } catch (Exception | Error e) {
      rabbit.close();
      throw e;
    }
  }

  /** The node's AMQP URI with its vhost, e.g. {@code amqp://guest:guest@127.0.0.1:41234/bench}. */
  public String amqpUri() {
    String base = "amqp://guest:guest@127.0.0.1:" + amqpPort;
    return options.vhost().equals("/") ? base : base + "/" + options.vhost();
  }

  public String vhost() {
    return options.vhost();
  }

  /** The Erlang VM's pid (the beam process under the start script), or -1 when not found. */
  public long beamPid() {
    if (process == null) {
      return -1;
    }
    return Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants()).filter(p -> p.info().command().orElse("").contains("beam"))
        .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
  }

  /** Starts the node (again, on the same data) and waits until its AMQP port accepts connections. */
  public void start() throws Exception {
    List<String> command = new ArrayList<>();
    if (options.maxOpenFiles() > 0) {
      // rabbitmq-server takes its limit from the process (Erlang's port limit follows it): raise the
      // hard limit when allowed (root), then the soft one as far as the hard one goes.
      int n = options.maxOpenFiles();
      command.addAll(List.of("/bin/sh", "-c", "ulimit -Hn " + n + " 2>/dev/null; ulimit -Sn " + n
          + " 2>/dev/null || ulimit -Sn \"$(ulimit -Hn)\"; exec \"$0\"", server.toString()));
    } else {
      command.add(server.toString());
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
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
  public void stop() throws Exception {
    ctl("stop");
    if (process != null && !process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Runs {@code rabbitmqctl -n <node> args...} and returns its standard output. */
  public String ctl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ctl.toString(), "-n", node));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "ctl", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
          .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("ctl.err").toFile()));
      builder.environment().putAll(environment());
      Process ctlProcess = builder.start();
      if (!ctlProcess.waitFor(CTL_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || ctlProcess.exitValue() != 0) {
        ctlProcess.destroyForcibly();
        throw new IOException("rabbitmqctl " + String.join(" ", args) + " failed; see " + dir.resolve("ctl.err"));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
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

  /** Stops the node if it runs; the data folder stays (see {@link #deleteFolder}). */
  @Override
  public void close() {
    try {
      if (process != null && process.isAlive()) {
        stop();
      }
    } catch (Exception e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** Stops the node and deletes its folder (data, logs, cookie). */
  public void closeAndDelete() throws IOException {
    close();
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
