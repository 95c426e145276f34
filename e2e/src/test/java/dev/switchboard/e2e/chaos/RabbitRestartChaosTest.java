package dev.switchboard.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.contracts.messages.ParticipantJoined;
import dev.switchboard.contracts.rest.ParticipantView;
import dev.switchboard.local.ScratchRabbit;
import dev.switchboard.local.support.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker restarts under live sessions: the cluster (2 apis, 2 wrappers) runs against a scratch
 * RabbitMQ node owned by the test, which is stopped and started again on the same data while
 * participants poll. Within 15 s of the broker being back a new session must be created, joined
 * and answered; the existing session must still work, and a message queued before the restart
 * for a participant who had not polled it must still arrive, in sequence.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RabbitRestartChaosTest {
  private static final Duration SERVING_BOUND = Duration.ofSeconds(15);
  private static final Duration STEP_WAIT = Duration.ofSeconds(30);

  @Test
  void servicesServeAgainWithin15sOfABrokerRestartAndNothingQueuedIsLost() throws Exception {
    String sdp = Fixtures.chromiumOffer("sendrecv");
    Path brokerDir = Path.of("target", "chaos-rabbit-" + System.currentTimeMillis()).toAbsolutePath();
    if (ScratchRabbit.findServer().isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("rabbitmq-server is not installed (looked in " + ScratchRabbit.serverCandidates() + ")");
      }
      Assumptions.abort("rabbitmq-server is not installed");
    }
    String vhost = System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/");
    try (ScratchRabbit rabbit = ScratchRabbit.start(brokerDir, new ScratchRabbit.Options(vhost, 0));
        ChaosHarness h = ChaosHarness.start("rabbitmq-restart", 2, 2, 1, rabbit.amqpUri())) {
      String sessionA = h.createSession();
      ChaosParticipant alice = publishing(h, sessionA, "alice", sdp);
      ChaosParticipant bob = ChaosParticipant.join(h, sessionA, "bob");
      bob.startPolling(5);
      assertThat(bob.await(ExistingParticipants.class, e -> true, STEP_WAIT)).as("bob welcomed").isNotNull();
      // The sleeper takes its welcome, then stops polling: what arrives next waits in its queue.
      ChaosParticipant sleeper = ChaosParticipant.join(h, sessionA, "sleeper");
      long until = System.nanoTime() + STEP_WAIT.toNanos();
      while (sleeper.receivedOf(ExistingParticipants.class).isEmpty() && System.nanoTime() < until) {
        sleeper.pollOnce(2);
      }
      assertThat(sleeper.receivedOf(ExistingParticipants.class)).as("sleeper welcomed").hasSize(1);
      ChaosParticipant carol = ChaosParticipant.join(h, sessionA, "carol");
      carol.startPolling(5);
      assertThat(alice.await(ParticipantJoined.class, e -> e.participantId().equals(carol.participantId), STEP_WAIT))
          .as("alice saw carol join before the restart").isNotNull();
      long sleeperSeqBefore = sleeper.seqs().getLast();

      long stopped = System.nanoTime();
      rabbit.stop();
      long stopMs = ChaosHarness.millisSince(stopped);
      rabbit.start();
      long back = System.nanoTime();
      long downMs = (back - stopped) / 1_000_000;
      System.out.printf("CHAOS rabbitmq-restart broker down %d ms (stop took %d ms)%n", downMs, stopMs);

      // Serving again: a new session created, joined, published and answered.
      String sessionB = h.createSession();
      ChaosParticipant dave = ChaosParticipant.join(h, sessionB, "dave");
      dave.startPolling(5);
      assertThat(dave.await(ExistingParticipants.class, e -> true, STEP_WAIT)).as("dave welcomed in a new session")
          .isNotNull();
      dave.offer(dave.participantId, sdp);
      ChaosParticipant.Received answer = dave.await(Answer.class, a -> a.target().equals(dave.participantId), STEP_WAIT);
      assertThat(answer).as("dave's offer answered").isNotNull();
      long restartToServingMs = (answer.atNanos() - back) / 1_000_000;

      // The existing session still works, for new and old participants.
      ChaosParticipant erin = publishing(h, sessionA, "erin", sdp);
      List<String> erinSees = erin.receivedOf(ExistingParticipants.class).getFirst().participants().stream()
          .map(ParticipantView::name).toList();
      assertThat(erinSees).as("erin's welcome in the old session").containsExactlyInAnyOrder("alice", "bob", "sleeper",
          "carol");
      assertThat(alice.await(ParticipantJoined.class, e -> e.participantId().equals(erin.participantId), STEP_WAIT))
          .as("alice (polling since before the restart) saw erin join").isNotNull();
      // The sleeper's queue kept carol's join across the restart; erin's follows in sequence.
      until = System.nanoTime() + STEP_WAIT.toNanos();
      while (sleeper.await(ParticipantJoined.class, e -> e.participantId().equals(erin.participantId), Duration.ZERO) == null
          && System.nanoTime() < until) {
        sleeper.pollOnce(2);
      }
      // Its own join event (the session's fanout reaches the joiner too) is not counted.
      List<String> sleeperJoins = sleeper.receivedOf(ParticipantJoined.class).stream()
          .map(ParticipantJoined::participantId).filter(pid -> !pid.equals(sleeper.participantId)).toList();
      List<Long> sleeperSeqs = sleeper.seqs();
      assertThat(h.sessionDocuments(List.of(sessionA, sessionB))).as("sessions after the restart").hasSize(2);

      h.figure("brokerStopMs", stopMs);
      h.figure("brokerDownMs", downMs);
      h.figure("restartToServingMs", restartToServingMs);
      h.figure("stopToServingMs", (answer.atNanos() - stopped) / 1_000_000);
      h.figure("requestRetries", h.requestRetries.get());
      h.figure("failedPollsOfAlice", alice.failedPolls());
      h.figure("longestPollFailureMsOfAlice", alice.longestFailureMillis());
      h.figure("sleeperSeqs", sleeperSeqs);

      assertThat(restartToServingMs).as("broker back to serving (ms)").isLessThanOrEqualTo(SERVING_BOUND.toMillis());
      assertThat(sleeperJoins).as("the sleeper's queued join from before the restart, then the one after")
          .containsExactly(carol.participantId, erin.participantId);
      for (int k = 0; k < sleeperSeqs.size(); k++) {
        assertThat(sleeperSeqs.get(k)).as("sleeper's seq %d", k).isEqualTo(k + 1L);
      }
      assertThat(sleeperSeqs.getLast()).as("sleeper's last seq").isGreaterThan(sleeperSeqBefore);
      for (ChaosParticipant p : List.of(alice, bob, carol, sleeper, dave, erin)) {
        assertThat(p.gaps()).as("seq gaps of %s", p).isZero();
      }
      h.passed();
    }
  }

  /** Joins, waits for the welcome, publishes and waits for the answer. */
  static ChaosParticipant publishing(ChaosHarness h, String sessionId, String name, String sdp) {
    ChaosParticipant p = ChaosParticipant.join(h, sessionId, name);
    p.startPolling(5);
    assertThat(p.await(ExistingParticipants.class, e -> true, STEP_WAIT)).as("%s welcomed", name).isNotNull();
    p.offer(p.participantId, sdp);
    assertThat(p.await(Answer.class, a -> a.target().equals(p.participantId), STEP_WAIT)).as("%s answered", name)
        .isNotNull();
    return p;
  }
}
