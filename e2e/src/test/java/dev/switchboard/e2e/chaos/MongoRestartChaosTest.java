package dev.switchboard.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.contracts.messages.ParticipantJoined;
import dev.switchboard.local.support.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MongoDB crashes: the cluster's {@code mongo} process is SIGKILLed and restarted in place (its
 * file keeps the data). Within 15 s of it being back a new session must be created, joined and
 * answered; every wrapper must listen to that session (their change streams resumed: the broker
 * counts the same consumers on its queue as on an older session's), and with wrapper-1 killed,
 * wrapper-2 alone must serve both the new and the old session; no session may be lost.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class MongoRestartChaosTest {
  private static final Duration SERVING_BOUND = Duration.ofSeconds(15);
  private static final Duration STEP_WAIT = Duration.ofSeconds(30);

  @Test
  void servicesServeAgainWithin15sOfAMongoRestartAndEveryWrapperFollowsNewSessions() throws Exception {
    String sdp = Fixtures.chromiumOffer("sendrecv");
    try (ChaosHarness h = ChaosHarness.start("mongo-restart", 1, 2, 1, ChaosHarness.SYSTEM_AMQP)) {
      String sessionA = h.createSession();
      ChaosParticipant alice = RabbitRestartChaosTest.publishing(h, sessionA, "alice", sdp);
      int consumersA = h.consumerCount(Topology.sessionQueue(sessionA));

      long killed = System.nanoTime();
      h.cluster.kill("mongo");
      h.cluster.restart("mongo");
      long back = System.nanoTime();

      String sessionB = h.createSession();
      ChaosParticipant bob = RabbitRestartChaosTest.publishing(h, sessionB, "bob", sdp);
      long answered = bob.await(Answer.class, a -> true, Duration.ZERO).atNanos();
      long restartToServingMs = (answered - back) / 1_000_000;
      long killToServingMs = (answered - killed) / 1_000_000;

      // Every wrapper consumes the new session's queue: its change stream saw the insert.
      long until = System.nanoTime() + STEP_WAIT.toNanos();
      int consumersB = h.consumerCount(Topology.sessionQueue(sessionB));
      while (consumersB < consumersA && System.nanoTime() < until) {
        ChaosHarness.pause(Duration.ofMillis(200));
        consumersB = h.consumerCount(Topology.sessionQueue(sessionB));
      }
      long consumersMs = ChaosHarness.millisSince(back);

      // wrapper-2 alone (it lived through the restart, so only its resumed stream can have told it) serves both sessions.
      h.cluster.kill("wrapper-1");
      ChaosParticipant carol = RabbitRestartChaosTest.publishing(h, sessionB, "carol", sdp);
      assertThat(bob.await(ParticipantJoined.class, e -> e.participantId().equals(carol.participantId), STEP_WAIT))
          .as("bob saw carol join").isNotNull();
      ChaosParticipant dave = RabbitRestartChaosTest.publishing(h, sessionA, "dave", sdp);
      assertThat(dave.receivedOf(ExistingParticipants.class).getFirst().participants()).as("dave's welcome")
          .extracting(p -> p.name()).containsExactly("alice");
      assertThat(alice.await(ParticipantJoined.class, e -> e.participantId().equals(dave.participantId), STEP_WAIT))
          .as("alice (from before the restart) saw dave join").isNotNull();
      List<Document> stored = h.sessionDocuments(List.of(sessionA, sessionB));

      h.figure("restartToServingMs", restartToServingMs);
      h.figure("killToServingMs", killToServingMs);
      h.figure("mongoRestartMs", (back - killed) / 1_000_000);
      h.figure("sessionQueueConsumersBefore", consumersA);
      h.figure("newSessionQueueConsumers", consumersB);
      h.figure("restartToAllWrappersConsumingMs", consumersMs);
      h.figure("requestRetries", h.requestRetries.get());
      h.figure("failedPollsOfAlice", alice.failedPolls());
      h.figure("longestPollFailureMsOfAlice", alice.longestFailureMillis());

      assertThat(restartToServingMs).as("MongoDB back to serving (ms)").isLessThanOrEqualTo(SERVING_BOUND.toMillis());
      assertThat(consumersA).as("consumers of a session queue before the restart").isPositive();
      assertThat(consumersB).as("consumers of the new session's queue (every wrapper)").isEqualTo(consumersA);
      assertThat(stored).as("sessions stored after the restart").hasSize(2);
      assertThat(stored.stream().filter(d -> d.get("_id").equals(sessionA)).findFirst().orElseThrow()
          .getList("participants", Document.class)).as("participants of the old session").hasSize(2);
      for (ChaosParticipant p : List.of(alice, bob, carol, dave)) {
        assertThat(p.gaps()).as("seq gaps of %s", p).isZero();
      }
      h.passed();
    }
  }
}
