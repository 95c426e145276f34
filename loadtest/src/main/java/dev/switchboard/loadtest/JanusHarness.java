package dev.switchboard.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Janus 1.1 (Debian's package) for a benchmark, in a {@link NetworkNamespace} of its own because
 * Janus refuses loopback interfaces for media candidates. The generated configuration loads only
 * the HTTP transport (bound to the namespace side of the veth, so nothing listens on the host's
 * interfaces) and only the VideoRoom plugin; {@code -E} limits ICE to the veth. {@link #close()}
 * removes the process, the namespace with its veth pair, and the configuration, also after a failed
 * start; a shutdown hook does the same if the JVM exits first. Not thread-safe: one owner starts
 * and closes it.
 */
final class JanusHarness implements AutoCloseable {
  /** The Janus binary; {@code -Dloadtest.janus=...} points elsewhere (tests use it to play "not installed"). */
  static final String JANUS = System.getProperty("loadtest.janus", "/usr/bin/janus");
  private static final Duration START_LIMIT = Duration.ofSeconds(20);
  private static final String LIB = "/usr/lib/x86_64-linux-gnu/janus";

  private final Path binary;
  private final Path dir;
  private final ServerCleanup cleanup;
  private NetworkNamespace namespace;
  private Process process;

  private JanusHarness(Path binary, Path dir) {
    this.binary = binary;
    this.dir = dir;
    this.cleanup = new ServerCleanup("janus-harness-cleanup", this::deleteDir);
  }

  /** Why Janus cannot run here (not installed, no iproute2, not root), or null when it can. */
  static String unavailableReason() {
    if (!Files.isExecutable(Path.of(JANUS))) {
      return JANUS + " is missing (apt-get install -y janus)";
    }
    return namespaceUnavailableReason();
  }

  /** Why we cannot create network namespaces here, or null when we can. */
  static String namespaceUnavailableReason() {
    if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
      return "the ip command (iproute2) is missing";
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return "creating a network namespace needs root";
    }
    return null;
  }

  /** Starts Janus and waits (bounded) until its HTTP API answers. */
  static JanusHarness start() throws IOException, InterruptedException {
    String reason = unavailableReason();
    if (reason != null) {
      throw new IllegalStateException("cannot run Janus: " + reason);
    }
    return start(Path.of(JANUS));
  }

  /** Starts {@code binary} as Janus; tests pass one that fails, to check the tear-down. */
  static JanusHarness start(Path binary) throws IOException, InterruptedException {
    JanusHarness janus = new JanusHarness(binary, Files.createTempDirectory("switchboard-janus-"));
    try {
      janus.setUp();
    } catch (RuntimeException | IOException | InterruptedException e) {
      janus.close();
      throw e;
    }
    return janus;
  }

  private void setUp() throws IOException, InterruptedException {
    namespace = NetworkNamespace.create();
    cleanup.namespace(namespace);
    writeConfig();
    process = new ProcessBuilder(namespace.exec(List.of(binary.toString(), "-F", dir.resolve("conf").toString(),
        "-C", dir.resolve("conf/janus.jcfg").toString(), "-E", namespace.innerInterface(),
        "-i", namespace.innerAddress(), "-r", "20000-40000", "-o", "-d", "3", "-s", "120")))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("janus.log").toFile())
        .start();
    cleanup.process(process);
    awaitHttp();
  }

  private void writeConfig() throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path transports = Files.createDirectories(dir.resolve("transports"));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    // Only what is linked here is loaded: the VideoRoom and the HTTP transport.
    Files.createSymbolicLink(plugins.resolve("libjanus_videoroom.so"), Path.of(LIB, "plugins/libjanus_videoroom.so"));
    Files.createSymbolicLink(transports.resolve("libjanus_http.so"), Path.of(LIB, "transports/libjanus_http.so"));
    Files.writeString(conf.resolve("janus.jcfg"), """
        general: {
          configs_folder = "%s"
          plugins_folder = "%s"
          transports_folder = "%s"
          events_folder = "%s"
          loggers_folder = "%s"
          debug_level = 3
        }
        media: {
        }
        nat: {
          nice_debug = false
        }
        """.formatted(conf, plugins, transports, empty, empty));
    Files.writeString(conf.resolve("janus.transport.http.jcfg"), """
        general: {
          json = "plain"
          base_path = "/janus"
          http = true
          port = 8088
          ip = "%s"
          https = false
        }
        admin: {
          admin_http = false
          admin_https = false
        }
        """.formatted(namespace.innerAddress()));
    // No static rooms: the benchmark creates its own through the API, with a high bitrate cap.
    Files.writeString(conf.resolve("janus.plugin.videoroom.jcfg"), "general: {\n}\n");
  }

  private void awaitHttp() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException("janus exited with " + process.exitValue() + "; log: " + logTail());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/info"))
            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("server_info")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("janus's HTTP API did not answer within " + START_LIMIT + "; log: " + logTail());
  }

  /** The Janus API root, e.g. {@code http://10.201.3.6:8088/janus}. */
  String apiUrl() {
    return "http://" + namespace.innerAddress() + ":8088/janus";
  }

  /** Where our peers bind so Janus can reach them: the host side of the veth pair. */
  String hostAddress() {
    return namespace.hostAddress();
  }

  long pid() {
    return process.pid();
  }

  /** The network namespace Janus runs in. */
  String namespace() {
    return namespace.name();
  }

  /** The last lines of Janus's log, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("janus.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Janus's log warnings and errors, grouped with numbers (ids, addresses) blanked, most frequent first. */
  String logProblems() {
    try {
      Map<String, Long> problems = Files.readAllLines(dir.resolve("janus.log")).stream()
          .filter(l -> l.contains("[WARN]") || l.contains("[ERR]"))
          .map(l -> l.trim().replaceAll("\\d+", "#"))
          .collect(Collectors.groupingBy(l -> l, Collectors.counting()));
      if (problems.isEmpty()) {
        return "no warnings in janus's log";
      }
      return "janus's log: " + problems.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
          .map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining("; "));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    cleanup.close();
  }

  private void deleteDir() {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("janus harness: cannot delete " + dir + ": " + e.getMessage());
    }
  }
}
