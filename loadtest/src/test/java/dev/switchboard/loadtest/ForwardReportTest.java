package dev.switchboard.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's ratios and charts from made-up step results, and the load's limits. */
class ForwardReportTest {

  private static StepResult step(int publishers, double pps, double cores, double p99, double rssKb) {
    return new StepResult(publishers, publishers * 2, pps, pps, pps * 0.006, cores, 0.3, 0.1, 1, 1000, 0.5, p99, 20,
        100, rssKb, 50);
  }

  @Test
  void ratiosPairStepsWithTheSamePublisherCount() {
    ForwardScenario.Outcome ours = new ForwardScenario.Outcome("medianode",
        List.of(step(1, 1000, 0.1, 2, 100), step(2, 2000, 0.2, 4, 100)), null, "");
    ForwardScenario.Outcome janus = new ForwardScenario.Outcome("janus", List.of(step(1, 1000, 0.05, 4, 50)),
        "ramp stopped", "janus events {}");
    ForwardReport report = new ForwardReport(ForwardLoad.defaults(), List.of(ours, janus), Instant.EPOCH, "h");

    assertThat(report.ratios()).singleElement().satisfies(r -> {
      assertThat(r.publishers()).isEqualTo(1);
      assertThat(r.cores()).isEqualTo(2.0);
      assertThat(r.ppsPerCore()).isEqualTo(0.5);
      assertThat(r.p99()).isEqualTo(0.5);
      assertThat(r.rss()).isEqualTo(2.0);
    });
    assertThat(report.markdown()).contains("| 1 | 1.00 | 2.00 | 0.50 |", "Ramp stopped: ramp stopped");
    assertThat(report.html()).contains("<svg", "Latency p99");
  }

  @Test
  void chartTicksAreRoundNumbers() {
    assertThat(SvgChart.niceStep(24)).isEqualTo(10);
    assertThat(SvgChart.niceStep(17_894)).isEqualTo(5000);
    assertThat(SvgChart.niceStep(1)).isEqualTo(0.5);
    assertThat(SvgChart.niceStep(0.63)).isEqualTo(0.2);
  }

  @Test
  void aRampMustIncreaseAndStayWithinBounds() {
    ForwardLoad d = ForwardLoad.defaults();
    assertThatThrownBy(() -> new ForwardLoad(List.of(2, 2), 1, d.warmUp(), d.window(), 50, 100, 1_000_000, 30, 1100,
        d.connectTimeout())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ForwardLoad(List.of(1), 500, d.warmUp(), d.window(), 50, 100, 1_000_000, 30, 1100,
        d.connectTimeout())).isInstanceOf(IllegalArgumentException.class);
    assertThat(d.videoPps()).isCloseTo(136.4, org.assertj.core.data.Offset.offset(0.1));
  }
}
