package dev.switchboard.loadtest.signalling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signalling scenario at a tiny load, so the tool does not rot: a 1x1 cluster (separate
 * processes), eight arrivals at 4/s in sessions of four, each answered and, past the first of its
 * session, receiving media; the report is written. RabbitMQ missing fails under CI=true, skips elsewhere.
 */
class SignallingSmokeTest {

  @Test
  @Timeout(150)
  void everyArrivalIsAnsweredAndReceivesMediaAndTheReportIsWritten(@TempDir Path dir) throws Exception {
    if (!reachable("127.0.0.1", 5672)) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("the signalling smoke test needs RabbitMQ on 127.0.0.1:5672 under CI");
      }
      Assumptions.abort("no RabbitMQ on 127.0.0.1:5672");
    }
    SignallingMain.Options options = SignallingMain.Options.parse(new String[] {"--topologies", "1x1", "--rate", "4",
        "--joins", "8", "--warmup", "4", "--session-size", "4", "--out", dir.toString()});
    List<String> progress = new ArrayList<>();

    List<TopologyRun> runs = SignallingMain.run(options, line -> {
      progress.add(line);
      System.out.println(line);
    });

    assertThat(runs).hasSize(1);
    TopologyRun run = runs.getFirst();
    assertThat(run.error()).isNull();
    assertThat(run.arrivals()).hasSize(8);
    assertThat(run.arrivals()).allSatisfy(a -> {
      assertThat(a.error()).as("arrival %d", a.index()).isNull();
      assertThat(a.answer()).as("arrival %d answer", a.index()).isNotNull().isPositive();
      assertThat(a.existing()).as("arrival %d", a.index()).isLessThanOrEqualTo(a.answer());
    });
    // Two sessions of four: the three later members of each receive from those before them.
    assertThat(run.expectingMedia()).isEqualTo(6);
    assertThat(run.withFirstMedia()).isEqualTo(6);
    assertThat(run.arrivals()).filteredOn(a -> a.receivesFrom() > 0)
        .allSatisfy(a -> assertThat(a.firstMedia()).isGreaterThan(a.answer()));
    assertThat(run.processes()).extracting(ProcessUsage::name).contains("api-1", "wrapper-1", "medianode-1");
    assertThat(progress).anyMatch(l -> l.contains("queue(s) deleted"));

    Path md = new SignallingReport(options.load(), runs, Instant.now(), "test", "").write(dir);
    String base = md.toString().substring(0, md.toString().length() - ".md".length());
    JsonNode json = JsonMapper.builder().build().readTree(Files.readString(Path.of(base + ".json")));
    assertThat(json.path("runs").get(0).path("answered").asInt()).isEqualTo(8);
    assertThat(json.path("runs").get(0).path("arrivals").size()).isEqualTo(8);
    assertThat(Files.readString(md)).contains("| 1x1 @4/s | 8/8 | 0 |");
    assertThat(Files.readString(Path.of(base + ".html"))).contains("<svg", "join → answer", "CPU per process");
  }

  private static boolean reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
