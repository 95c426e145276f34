package dev.switchboard.wrapper.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wrapper.media.MediaServerUnavailableException;
import dev.switchboard.wrapper.testing.HandlerFixture;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Placement prefers usable servers and falls back to a quarantined one that answers only when nothing else can. */
class MediaServerPlacementTest {
  private static final HandlerFixture fixture = new HandlerFixture();

  @AfterAll
  static void close() {
    fixture.close();
  }

  @BeforeEach
  void everyServerHealthy() {
    fixture.clock.advance(Duration.ofHours(1));
    for (String id : Set.of("a", "b")) {
      fixture.health.succeeded(id);
      fixture.drained.setDrained(id, false);
      fixture.servers.server(id).setDown(false);
    }
  }

  /** Two failures within the flap window quarantine {@code id}; it answers again afterwards. */
  private static void quarantine(String id) {
    fixture.health.failed(id, "test");
    fixture.health.succeeded(id);
    fixture.health.failed(id, "test");
    fixture.health.succeeded(id);
    assertThat(fixture.health.usable(id)).as("%s quarantined", id).isFalse();
    assertThat(fixture.health.healthy(id)).as("%s answers", id).isTrue();
  }

  @Test
  void aQuarantinedServerIsAvoidedWhileAnotherCanTakeTheSession() {
    quarantine("a");
    fixture.servers.server("b").setUsedMemoryKib(1_000_000_000L); // far busier, still preferred to a flapping one
    assertThat(fixture.placement.choose()).isEqualTo("b");
  }

  @Test
  void aQuarantinedServerThatAnswersIsTheLastResort() {
    quarantine("a");
    fixture.health.failed("b", "test");
    fixture.servers.server("b").setDown(true);
    assertThat(fixture.placement.choose()).isEqualTo("a");
  }

  @Test
  void drainedAndDownServersAreNeverChosen() {
    fixture.drained.setDrained("a", true);
    fixture.health.failed("b", "test");
    fixture.servers.server("b").setDown(true);
    assertThatThrownBy(() -> fixture.placement.choose()).isInstanceOf(MediaServerUnavailableException.class);
  }
}
