package dev.switchboard.wrapper.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.wrapper.config.FailoverProperties;
import dev.switchboard.wrapper.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The flapping rules of one server's health record, driven by a mutable clock. */
class ServerHealthTest {
  private final MutableClock clock = new MutableClock();
  private final FailoverProperties settings = new FailoverProperties(Duration.ofSeconds(1), Duration.ofSeconds(10),
      Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(5));
  private final ServerHealth health = new ServerHealth("m1", clock, settings);

  @Test
  void firstFailureInTheWindowCostsNoQuarantine() {
    assertThat(health.usable()).isTrue();
    assertThat(health.failed()).as("a new outage").isTrue();
    assertThat(health.usable()).isFalse();
    assertThat(health.quarantined()).isFalse();

    health.succeeded();

    assertThat(health.usable()).as("usable as soon as it answers").isTrue();
  }

  @Test
  void failedProbesDuringOneOutageCountOnce() {
    health.failed();
    assertThat(health.failed()).isFalse();
    assertThat(health.failed()).isFalse();
    health.succeeded();

    assertThat(health.recentFailures()).isEqualTo(1);
    assertThat(health.quarantined()).isFalse();
  }

  @Test
  void secondFailureQuarantinesForTheBaseThenDoublesUpToTheMaximum() {
    flap(); // 1st: none
    flap(); // 2nd: 10 s
    assertThat(health.quarantined()).isTrue();
    assertThat(health.usable()).as("healthy but quarantined").isFalse();
    clock.advance(Duration.ofSeconds(9));
    assertThat(health.quarantined()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(health.quarantined()).isFalse();
    assertThat(health.usable()).isTrue();

    flap(); // 3rd: 20 s
    assertThat(health.quarantinedUntil()).isEqualTo(clock.instant().plusSeconds(20));
    flap(); // 4th: 40 s
    assertThat(health.quarantinedUntil()).isEqualTo(clock.instant().plusSeconds(40));
    for (int i = 0; i < 6; i++) {
      flap(); // 80, 160, 320 -> capped at 300 s
    }
    assertThat(health.quarantinedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
  }

  @Test
  void failuresOutsideTheWindowAreForgotten() {
    flap();
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    flap();

    assertThat(health.recentFailures()).isEqualTo(1);
    assertThat(health.quarantined()).as("the earlier failure left the window").isFalse();

    clock.advance(Duration.ofMinutes(9));
    flap();
    assertThat(health.quarantined()).as("second failure within 10 min").isTrue();
    assertThat(health.quarantinedUntil()).isEqualTo(clock.instant().plusSeconds(10));
  }

  @Test
  void quarantineLengthFormula() {
    assertThat(health.quarantineFor(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(health.quarantineFor(3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(health.quarantineFor(6)).isEqualTo(Duration.ofSeconds(160));
    assertThat(health.quarantineFor(7)).isEqualTo(Duration.ofMinutes(5));
    assertThat(health.quarantineFor(200)).isEqualTo(Duration.ofMinutes(5));
  }

  private void flap() {
    health.failed();
    health.succeeded();
  }
}
