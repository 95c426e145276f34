package dev.switchboard.loadtest;

import dev.switchboard.local.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Our medianode in its own process, with the flags {@code ./switchboard run} uses, so the load
 * generator's CPU is not charged to it. Started from {@code -Dmedianode.jar} when given, else from
 * this JVM's class path (the medianode is a dependency). Either on 127.0.0.1, or in a
 * {@link NetworkNamespace} like Janus, so both servers are reached over the same kind of path.
 * Closing it kills the process and removes the namespace; a shutdown hook does too if the JVM exits
 * first (Ctrl-C), since child processes outlive their parent. Not thread-safe.
 */
final class MediaNodeServer implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(30);

  private final NetworkNamespace namespace;
  private final String host;
  private final int port;
  private final ServerCleanup cleanup = new ServerCleanup("medianode-process-cleanup", () -> {});
  private Process process;

  private MediaNodeServer(NetworkNamespace namespace, String host, int port) {
    this.namespace = namespace;
    this.host = host;
    this.port = port;
    cleanup.namespace(namespace);
  }

  /** Starts a medianode; in a network namespace of its own when {@code isolated}. */
  static MediaNodeServer start(boolean isolated) throws IOException, InterruptedException {
    NetworkNamespace namespace = isolated ? NetworkNamespace.create() : null;
    String host = isolated ? namespace.innerAddress() : "127.0.0.1";
    MediaNodeServer node = new MediaNodeServer(namespace, host, FreePorts.tcp());
    try {
      node.process = new ProcessBuilder(isolated ? namespace.exec(node.command()) : node.command())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      node.cleanup.process(node.process);
      node.awaitHealthy();
    } catch (RuntimeException | IOException | InterruptedException e) {
      node.close();
      throw e;
    }
    return node;
  }

  private List<String> command() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC"));
    // Extra JVM options for experiments, e.g. -Dmedianode.jvm.options="-Xlog:gc:/tmp/gc.log".
    String extra = System.getProperty("medianode.jvm.options", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    String jar = System.getProperty("medianode.jar", "");
    if (!jar.isEmpty()) {
      if (!Files.isRegularFile(Path.of(jar))) {
        throw new IllegalStateException(jar + " is missing: run ./switchboard build first");
      }
      command.addAll(List.of("-jar", jar));
    } else {
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.switchboard.medianode.MediaNodeMain"));
    }
    command.addAll(List.of("--host", host, "--port", Integer.toString(port), "--udp-port",
        Integer.toString(FreePorts.udp()), "--announced-ip", host, "--drain-timeout", "0"));
    return command;
  }

  private void awaitHealthy() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the medianode exited with " + process.exitValue());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/health"))
            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the medianode did not become healthy within " + START_LIMIT);
  }

  String url() {
    return "ws://" + host + ":" + port + "/kurento";
  }

  /** Where our peers bind so the node can reach them. */
  InetAddress peerAddress() throws IOException {
    return InetAddress.getByName(namespace == null ? "127.0.0.1" : namespace.hostAddress());
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    cleanup.close();
  }
}
