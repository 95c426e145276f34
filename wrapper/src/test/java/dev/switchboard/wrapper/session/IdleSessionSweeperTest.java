package dev.switchboard.wrapper.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.messages.SessionClosed;
import dev.switchboard.wrapper.testing.HandlerFixture;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The idle timeout: only empty sessions, only after the timeout, ended by one sweeper. */
class IdleSessionSweeperTest {
  private static final HandlerFixture fixture = new HandlerFixture();

  private IdleSessionSweeper sweeper;

  @AfterAll
  static void close() {
    fixture.close();
  }

  @BeforeEach
  void sweeper() {
    fixture.sent.clear();
    // Sessions of earlier tests must not count here.
    newSweeper().sweep();
    fixture.clock.advance(Duration.ofDays(1));
    newSweeper().sweep();
    fixture.sent.clear();
    sweeper = newSweeper();
  }

  @Test
  void anEmptySessionIsEndedAfterTheTimeoutAndNotBefore() {
    String sessionId = fixture.newSession("a");
    String pipeline = fixture.store.findRecord(sessionId).orElseThrow().pipeline().id();

    fixture.clock.advance(Duration.ofMinutes(4));
    assertThat(sweeper.sweep()).isZero();
    fixture.clock.advance(Duration.ofMinutes(2));
    assertThat(sweeper.sweep()).isEqualTo(1);

    assertThat(fixture.store.exists(sessionId)).isFalse();
    assertThat(fixture.servers.server("a").released()).contains(pipeline);
    assertThat(fixture.to("session." + sessionId, SessionClosed.class)).containsExactly(new SessionClosed(sessionId, "idle"));
  }

  @Test
  void aSessionWithSomeoneInItIsNeverEnded() {
    String sessionId = fixture.newSession("a");
    fixture.joins.handle(fixture.join(sessionId, "p1"));

    fixture.clock.advance(Duration.ofHours(2));

    assertThat(sweeper.sweep()).isZero();
    assertThat(fixture.store.exists(sessionId)).isTrue();
  }

  @Test
  void twoInstancesSweepingAtOnceEndASessionOnce() throws Exception {
    String sessionId = fixture.newSession("a");
    fixture.clock.advance(Duration.ofMinutes(6));
    IdleSessionSweeper other = newSweeper();
    ExecutorService executor = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    Future<Integer> first = executor.submit(() -> {
      start.await();
      return sweeper.sweep();
    });
    Future<Integer> second = executor.submit(() -> {
      start.await();
      return other.sweep();
    });
    start.countDown();
    int ended = first.get() + second.get();
    executor.shutdown();

    assertThat(ended).isEqualTo(1);
    assertThat(fixture.to("session." + sessionId, SessionClosed.class)).hasSize(1);
  }

  @Test
  void anEndingLeftHalfDoneByADeadInstanceIsFinished() {
    String sessionId = fixture.newSession("a");
    // An instance claimed it (CLOSING) and died before deleting it.
    assertThat(fixture.store.claimIfEmpty(sessionId)).isPresent();

    fixture.clock.advance(Duration.ofMinutes(6));

    assertThat(sweeper.sweep()).isEqualTo(1);
    assertThat(fixture.store.exists(sessionId)).isFalse();
  }

  private IdleSessionSweeper newSweeper() {
    return new IdleSessionSweeper(fixture.store, fixture.terminator, fixture.scheduler, fixture.clock,
        fixture.servers.properties());
  }
}
