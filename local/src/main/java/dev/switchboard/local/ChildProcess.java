package dev.switchboard.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One process of the local cluster: a JVM running {@code mainClass} on the launcher's class path,
 * its stdout and stderr in {@code log}, healthy once {@code healthUrl} answers 200 (a {@code tcp://}
 * URL: once it accepts a connection).
 */
final class ChildProcess {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  final String name;
  final Process process;
  final Path log;
  private final URI healthUrl;
  private final String mainClass;
  private final List<String> args;

  static final String MEDIANODE_MAIN = "dev.switchboard.medianode.MediaNodeMain";

  private ChildProcess(String name, Process process, Path log, URI healthUrl, String mainClass, List<String> args) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.healthUrl = healthUrl;
    this.mainClass = mainClass;
    this.args = List.copyOf(args);
  }

  /** Starts {@code java -cp <this JVM's class path> mainClass args}, appending its output to {@code log}. */
  static ChildProcess start(String name, String mainClass, List<String> args, Path log, URI healthUrl)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Small JVMs: several share a laptop's cores.
        "-XX:+UseSerialGC", "-Xmx256m"));
    if (!mainClass.equals(MEDIANODE_MAIN)) {
      // Quick start for the control plane; a medianode keeps C2, its forwarding hot path needs it.
      command.add("-XX:TieredStopAtLevel=1");
    }
    command.addAll(extraJvmOptions(name));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new ChildProcess(name, process, log, healthUrl, mainClass, args);
  }

  /**
   * Options appended after the defaults (so a later {@code -Xmx} or {@code -XX:TieredStopAtLevel}
   * wins), for benchmarks and profiling: system property {@code switchboard.cluster.jvm-options} for
   * every process, then {@code switchboard.cluster.jvm-options.<role>} for one role ({@code mongo},
   * {@code medianode}, {@code wrapper}, {@code api}: the name up to its first dash). Options are
   * separated by spaces; {@code {name}} becomes the process name, e.g. for a JFR file per process.
   */
  static List<String> extraJvmOptions(String name) {
    String role = name.contains("-") ? name.substring(0, name.indexOf('-')) : name;
    List<String> options = new ArrayList<>();
    for (String key : List.of("switchboard.cluster.jvm-options", "switchboard.cluster.jvm-options." + role)) {
      for (String option : System.getProperty(key, "").trim().split("\\s+")) {
        if (!option.isEmpty()) {
          options.add(option.replace("{name}", name));
        }
      }
    }
    return options;
  }

  /**
   * The same program with the same arguments (same ports, same data file) in a new process, as a
   * crashed pod is restarted in place; this one must have exited.
   */
  ChildProcess restart() throws IOException {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    return start(name, mainClass, args, log, healthUrl);
  }

  /** SIGKILL, as a crash or an OOM kill: no shutdown hook runs. Waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  long pid() {
    return process.pid();
  }

  /** Waits until the health URL answers; fails when the process exits or time runs out. */
  void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with code " + process.exitValue() + "; see " + log);
      }
      if (healthy()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IOException(name + " was not healthy after " + timeout.toSeconds() + " s; see " + log);
  }

  private boolean healthy() throws InterruptedException {
    if (healthUrl.getScheme().equals("tcp")) {
      return BrokerChoice.reachable(healthUrl.getHost(), healthUrl.getPort());
    }
    try {
      HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(healthUrl).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** TERM now; callers wait with {@link #awaitExit}. */
  void terminate() {
    process.destroy();
  }

  /** Waits until the process is gone, killing it when it outlives {@code grace}. */
  void awaitExit(Duration grace) throws InterruptedException {
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
