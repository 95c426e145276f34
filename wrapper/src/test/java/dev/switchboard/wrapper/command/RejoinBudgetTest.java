package dev.switchboard.wrapper.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.wrapper.testing.HandlerFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The sliding-minute renegotiation budget, on the embedded MongoDB with a hand-moved clock. */
class RejoinBudgetTest {
  private static final HandlerFixture fixture = new HandlerFixture();

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void theLimitHoldsInAnySlidingMinute() {
    String sessionId = "s-" + UUID.randomUUID();
    RejoinBudget budget = fixture.budget;
    int limit = budget.limit();
    for (int i = 0; i < limit; i++) {
      assertThat(budget.trySpend(sessionId, "p1", "p1")).as("renegotiation %d", i + 1).isTrue();
      fixture.clock.advance(Duration.ofSeconds(5));
    }
    assertThat(budget.trySpend(sessionId, "p1", "p1")).as("one beyond the limit").isFalse();
    assertThat(budget.trySpend(sessionId, "p2", "p2")).as("another participant").isTrue();
    assertThat(budget.trySpend(sessionId, "p1", "p2")).as("another connection of the same participant").isTrue();

    // The first one was spent limit*5 s ago; it leaves the window at 60 s.
    fixture.clock.advance(Duration.ofSeconds(60 - 5L * limit - 1));
    assertThat(budget.trySpend(sessionId, "p1", "p1")).as("1 s before the oldest leaves the minute").isFalse();
    fixture.clock.advance(Duration.ofSeconds(1));
    assertThat(budget.trySpend(sessionId, "p1", "p1")).as("the oldest left the minute").isTrue();
    assertThat(budget.trySpend(sessionId, "p1", "p1")).as("the next oldest is still inside").isFalse();
  }

  @Test
  void concurrentSpendsNeverExceedTheLimit() throws Exception {
    String sessionId = "s-" + UUID.randomUUID();
    RejoinBudget budget = fixture.budget;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> spends = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        spends.add(() -> budget.trySpend(sessionId, "p1", "p1"));
      }
      int granted = 0;
      for (Future<Boolean> spend : pool.invokeAll(spends)) {
        granted += spend.get() ? 1 : 0;
      }
      assertThat(granted).isEqualTo(budget.limit());
    } finally {
      pool.shutdownNow();
    }
  }
}
