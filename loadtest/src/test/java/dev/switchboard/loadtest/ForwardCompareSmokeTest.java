package dev.switchboard.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The forward-compare scenario at a tiny load against both targets, so the tool does not rot: a
 * medianode process and Janus, each in a network namespace of its own, forward one publisher to one
 * subscriber for two seconds, and the report is written. Janus missing fails under CI=true, skips elsewhere.
 */
class ForwardCompareSmokeTest {

  @Test
  void bothTargetsForwardASmallLoadAndTheReportComparesThem(@TempDir Path dir) throws Exception {
    String missing = JanusHarness.unavailableReason();
    if (missing != null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("the forward-compare smoke test needs Janus under CI: " + missing);
      }
      Assumptions.abort(missing);
    }
    ForwardLoad load = new ForwardLoad(List.of(1), 1, Duration.ofSeconds(1), Duration.ofSeconds(2), 50, 100,
        300_000, 30, 1100, Duration.ofSeconds(15));

    List<ForwardScenario.Outcome> outcomes = ForwardCompareMain.run(load, List.of("medianode", "janus"), true);

    assertThat(outcomes).extracting(ForwardScenario.Outcome::target).containsExactly("medianode", "janus");
    for (ForwardScenario.Outcome o : outcomes) {
      assertThat(o.error()).as(o.target()).isNull();
      assertThat(o.steps()).as(o.target()).hasSize(1);
      StepResult step = o.steps().getFirst();
      // 50 audio + ~34 video packets/s for 2 s, to one subscriber.
      assertThat(step.expected()).as(o.target()).isBetween(120L, 220L);
      assertThat(step.lossPercent()).as(o.target() + " loss").isLessThan(2.0);
      assertThat(step.p50Millis()).as(o.target()).isGreaterThan(0);
      assertThat(step.serverCores()).as(o.target()).isGreaterThanOrEqualTo(0);
      assertThat(step.serverRssMb()).as(o.target()).isGreaterThan(1);
    }
    assertThat(outcomes.getFirst().notes()).contains("peers on 10.201.");
    assertThat(Commands.run("ip", "netns", "list")).doesNotContain("sbns-" + ProcessHandle.current().pid() + "-");

    Path md = new ForwardReport(load, outcomes, Instant.now(), "test").write(dir);
    String base = md.toString().substring(0, md.toString().length() - ".md".length());
    JsonNode json = JsonMapper.builder().build().readTree(Files.readString(Path.of(base + ".json")));
    assertThat(json.path("targets").size()).isEqualTo(2);
    assertThat(json.path("ratios").size()).isEqualTo(1);
    assertThat(json.path("ratios").get(0).path("deliveredPps").asDouble()).isBetween(0.9, 1.1);
    assertThat(Files.readString(md)).contains("## Ratios medianode / Janus");
    assertThat(Files.readString(Path.of(base + ".html"))).contains("<svg", "medianode", "janus");
  }
}
