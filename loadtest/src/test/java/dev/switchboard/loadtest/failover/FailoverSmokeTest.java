package dev.switchboard.loadtest.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.switchboard.loadtest.cluster.BrokerCleanup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The failover benchmark at its smallest, so the tool does not rot: one session of two headless
 * participants on a local cluster (1 api, 1 wrapper, 2 medianodes), one kill of the medianode
 * holding it; both participants must get media again on every new connection, and the report must
 * be written. RabbitMQ missing fails under CI=true, skips elsewhere.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FailoverSmokeTest {

  @Test
  void bothParticipantsGetMediaBackAfterTheirMedianodeIsKilledAndTheReportIsWritten(@TempDir Path dir)
      throws Exception {
    String amqpUri = FailoverMain.amqpUri();
    String missing = BrokerCleanup.unreachableReason(amqpUri);
    if (missing != null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("the failover smoke test needs RabbitMQ under CI: " + missing);
      }
      Assumptions.abort(missing);
    }
    FailoverLoad load = new FailoverLoad(1, 1, 2, 1, 1, 2, dir.resolve("bench"), Duration.ofSeconds(40),
        Duration.ofMinutes(2));

    FailoverScenario.Outcome outcome = new FailoverScenario(load, amqpUri, System.out::println)
        .run(dir.resolve("cluster"));

    assertThat(outcome.error()).isNull();
    assertThat(outcome.runs()).hasSize(1);
    RunOutcome run = outcome.runs().getFirst();
    assertThat(run.victim()).startsWith("medianode-");
    assertThat(run.movedTo().values()).allSatisfy(to -> assertThat(to).doesNotStartWith(run.victim() + "@"));
    assertThat(run.participants()).hasSize(2);
    for (ParticipantOutcome p : run.participants()) {
      assertThat(p.recovered()).as("%s: %s", p.participant(), p.error()).isTrue();
      // Its own publishing connection and one receiving connection, each offered again and answered.
      assertThat(p.offerToAnswer()).as(p.participant()).hasSize(2);
      assertThat(p.lost()).as(p.participant()).isPositive().isLessThanOrEqualTo(p.answered());
      assertThat(p.mediaBack()).as(p.participant()).isGreaterThanOrEqualTo(p.connected());
      assertThat(p.stages().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(p.mediaBack(),
          org.assertj.core.data.Offset.offset(1.0));
    }

    Path md = new FailoverReport(load, outcome, Instant.now(), "test").write(load.out());
    String base = md.toString().substring(0, md.toString().length() - ".md".length());
    JsonNode json = JsonMapper.builder().build().readTree(Files.readString(Path.of(base + ".json")));
    assertThat(json.path("summary").path("recovered").asInt()).isEqualTo(2);
    assertThat(json.path("summary").path("mediaBackMs").path("p50").asDouble()).isPositive();
    assertThat(Files.readString(md)).contains("| media back (all receiving connections) | 2 |");
    assertThat(Files.readString(Path.of(base + ".html"))).contains("<svg", "re-offer->answer".replace(">", "&gt;"));
  }
}
