package dev.switchboard.medianode.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.support.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;

/**
 * A real medianode process with a live pipeline gets SIGTERM: {@code /ready} turns 503 at once,
 * the process keeps serving until the pipeline is released, then exits 0.
 */
class GracefulShutdownTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;

  @AfterEach
  void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  @Test
  void sigtermDrainsUntilThePipelineIsReleasedThenExitsZero() throws Exception {
    int port = FreePorts.tcp();
    Path log = Files.createTempFile("medianode-drain", ".log");
    process = start(port, 60, log);
    URI ws = URI.create("ws://127.0.0.1:" + port + "/kurento");
    assertThat(status(port, "/ready")).isEqualTo(200);

    KurentoClient kurento = KurentoClient.create(ws.toString());
    try {
      MediaPipeline pipeline = kurento.createMediaPipeline();

      long termAt = System.nanoTime();
      process.destroy(); // SIGTERM
      assertThat(awaitStatus(port, "/ready", 503, Duration.ofSeconds(5))).as("/ready after SIGTERM").isTrue();
      long notReadyMillis = (System.nanoTime() - termAt) / 1_000_000;

      // Still serving while the pipeline lives: the process stays and answers the Kurento protocol.
      assertThat(process.waitFor(1500, TimeUnit.MILLISECONDS)).as("exited with a pipeline left").isFalse();
      assertThat(status(port, "/health")).isEqualTo(200);
      assertThat(kurento.getServerManager().getPipelines()).hasSize(1);

      long releasedAt = System.nanoTime();
      pipeline.release();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited after the release").isTrue();
      long exitMillis = (System.nanoTime() - releasedAt) / 1_000_000;
      assertThat(process.exitValue()).as("exit code; log:%n%s", Files.readString(log)).isZero();
      System.out.printf("DRAIN not ready %d ms after SIGTERM; exited %d ms after the last release%n", notReadyMillis,
          exitMillis);
      assertThat(Files.readString(log)).contains("medianode draining").contains("medianode drained");
    } finally {
      kurento.destroy();
    }
  }

  @Test
  void sigtermWithPipelinesLeftExitsAtTheDrainTimeout() throws Exception {
    int port = FreePorts.tcp();
    Path log = Files.createTempFile("medianode-drain", ".log");
    process = start(port, 2, log);
    KurentoClient kurento = KurentoClient.create("ws://127.0.0.1:" + port + "/kurento");
    try {
      kurento.createMediaPipeline();
      long termAt = System.nanoTime();
      process.destroy();
      assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("exited after the timeout").isTrue();
      long millis = (System.nanoTime() - termAt) / 1_000_000;
      assertThat(millis).as("waited for the 2 s timeout").isGreaterThanOrEqualTo(1_900);
      assertThat(process.exitValue()).isZero();
      assertThat(Files.readString(log)).contains("drain timed out");
    } finally {
      kurento.destroy();
    }
  }

  private static Process start(int port, int drainSeconds, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process started = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), "dev.switchboard.medianode.MediaNodeMain", "--port",
        String.valueOf(port), "--udp-port", String.valueOf(FreePorts.udp()), "--announced-ip", "127.0.0.1",
        "--drain-timeout", String.valueOf(drainSeconds)))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!awaitStatus(port, "/health", 200, Duration.ofSeconds(30))) {
      started.destroyForcibly();
      throw new IllegalStateException("medianode did not start; log:\n" + Files.readString(log));
    }
    return started;
  }

  private static boolean awaitStatus(int port, String path, int expected, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (status(port, path) == expected) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  private static int status(int port, String path) throws InterruptedException {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }
}
