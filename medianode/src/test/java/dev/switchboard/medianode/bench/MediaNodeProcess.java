package dev.switchboard.medianode.bench;

import dev.switchboard.medianode.support.FreePorts;
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

/**
 * A medianode in its own process, started from the runnable jar with the flags {@code ./switchboard
 * run} uses, so a benchmark can measure its CPU apart from the load generator's. Closing it kills
 * the process.
 */
final class MediaNodeProcess implements AutoCloseable {
  private final Process process;
  final int port;
  final int udpPort;

  private MediaNodeProcess(Process process, int port, int udpPort) {
    this.process = process;
    this.port = port;
    this.udpPort = udpPort;
  }

  static MediaNodeProcess start(Path jar) throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run ./switchboard build first");
    }
    int port = FreePorts.tcp();
    int udpPort = FreePorts.udp();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC"));
    // Extra JVM options for experiments, e.g. -Dmedianode.jvm.options="-Xlog:gc:/tmp/gc.log".
    String extra = System.getProperty("medianode.jvm.options", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "--port", Integer.toString(port), "--udp-port",
        Integer.toString(udpPort), "--announced-ip", "127.0.0.1", "--drain-timeout", "0"));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    MediaNodeProcess node = new MediaNodeProcess(process, port, udpPort);
    node.awaitHealthy(Duration.ofSeconds(20));
    return node;
  }

  private void awaitHealthy(Duration limit) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the medianode exited with " + process.exitValue());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    close();
    throw new IllegalStateException("the medianode did not become healthy within " + limit);
  }

  String url() {
    return "ws://127.0.0.1:" + port + "/kurento";
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
