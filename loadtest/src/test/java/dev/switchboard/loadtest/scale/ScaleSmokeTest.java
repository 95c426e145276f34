package dev.switchboard.loadtest.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.switchboard.local.ScratchRabbit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scale scenario at a tiny load, so the tool does not rot: a scratch RabbitMQ node, one wrapper,
 * 20 sessions of 4 idle participants; every session queue has exactly one consumer (the wrapper),
 * every participant its queue, and the report is written. Without rabbitmq-server it fails under
 * CI=true and is skipped elsewhere.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ScaleSmokeTest {

  @Test
  void twentySessionsOfFourAreHeldAndCounted(@TempDir Path dir) throws Exception {
    if (ScratchRabbit.findServer().isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("the scale smoke test needs rabbitmq-server under CI (looked in " + ScratchRabbit.serverCandidates() + ")");
      }
      Assumptions.abort("rabbitmq-server is not installed");
    }
    ScaleOptions options = new ScaleOptions(List.of(20), 4, List.of(1), 1, 8, Duration.ofSeconds(120),
        Duration.ofSeconds(60), Duration.ofSeconds(2), "512m", 20_000, false, false, dir);

    Path md = ScaleMain.run(options);

    String base = md.toString().substring(0, md.toString().length() - ".md".length());
    JsonNode run = JsonMapper.builder().build().readTree(Files.readString(Path.of(base + ".json"))).path("runs").get(0);
    assertThat(run.path("error").isNull()).as("error: " + run.path("error")).isTrue();
    assertThat(run.path("largestHeld").asInt()).isEqualTo(20);
    JsonNode step = run.path("steps").get(0);
    assertThat(step.path("sessions").asInt()).isEqualTo(20);
    assertThat(step.path("participants").asInt()).isEqualTo(80);
    JsonNode broker = step.path("broker");
    assertThat(broker.path("sessionQueues").asInt()).isEqualTo(20);
    assertThat(broker.path("sessionConsumers").asLong()).as("one consumer per session queue per wrapper").isEqualTo(20);
    assertThat(broker.path("sessionQueuesWithoutConsumer").asInt()).isZero();
    assertThat(broker.path("userQueues").asInt()).isEqualTo(80);
    assertThat(broker.path("fileDescriptorLimit").asInt()).as("raised open-files limit").isGreaterThan(1024);
    assertThat(step.path("mongo").path("sessions").path("documents").asLong()).isEqualTo(20);
    assertThat(step.path("processes").path("wrapper-1").path("heapUsedMb").asDouble()).isPositive();
    assertThat(Files.readString(md)).contains("Largest load held: **20 sessions, 80 participants**");
    assertThat(Files.readString(Path.of(base + ".html"))).contains("<svg", "Consumers on session queues");
    try (var left = Files.list(dir)) {
      assertThat(left.filter(p -> p.getFileName().toString().startsWith("scale-work-"))
          .flatMap(p -> p.toFile().listFiles() == null ? java.util.stream.Stream.<Path>empty()
              : java.util.Arrays.stream(p.toFile().listFiles()).map(java.io.File::toPath))
          .filter(p -> Files.exists(p.resolve("rabbit")))).as("scratch broker folders deleted").isEmpty();
    }
  }
}
