package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.contracts.messages.MediaServerLost;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.local.support.Fixtures;
import dev.switchboard.local.support.TestCluster;
import dev.switchboard.local.support.TestParticipant;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Media-server failover with real in-process medianodes, two wrapper instances and the real
 * RabbitMQ: a medianode killed under a session, restarted in place, drained, and no server at
 * all for a while. Prints the measured detection and rebind times.
 */
class MediaServerFailoverIntegrationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String ADMIN_KEY = "failover-test-admin-key";

  private TestCluster cluster;
  private MongoClient mongo;

  private void start(int mediaNodes) {
    cluster = new TestCluster(1, 2, mediaNodes, Map.of(), Map.of("switchboard.api.admin-key", ADMIN_KEY));
    mongo = MongoClients.create(cluster.mongo.uri());
  }

  @AfterEach
  void stop() {
    if (mongo != null) {
      mongo.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killedMediaNode_sessionMovesOnceToTheOtherNode_everyoneToldOnce_offersAnsweredAfter() {
    start(2);
    String sid = cluster.client.createSession(cluster.apiUrl(0));
    List<TestParticipant> people = joinAndPublishAll(sid, 3);
    Document before = awaitSession(sid);
    String lost = before.getString("mediaServer");
    int lostIndex = indexOf(lost);
    int otherIndex = 1 - lostIndex;
    long epoch = before.getLong("epoch");
    assertThat(cluster.mediaNodes.get(otherIndex).pipelineCount()).isZero();

    long killedAt = System.nanoTime();
    cluster.killMediaNode(lostIndex);

    Document after = waitFor(() -> session(sid), doc -> doc.getLong("epoch") > epoch);
    long reboundNanos = System.nanoTime() - killedAt;
    for (TestParticipant p : people) {
      p.await(MediaServerLost.class, m -> m.epoch() == epoch + 1, TIMEOUT);
    }
    long toldNanos = System.nanoTime() - killedAt;

    assertThat(after.getLong("epoch")).as("epoch grew by exactly one").isEqualTo(epoch + 1);
    assertThat(after.getString("mediaServer")).isEqualTo(TestCluster.mediaServerId(otherIndex));
    assertThat(cluster.mediaNodes.get(otherIndex).pipelineCount()).as("exactly one new pipeline").isEqualTo(1);
    assertEndpointsCleared(after);
    // A duplicate notice (two wrappers both recovering) would arrive within this window.
    for (TestParticipant p : people) {
      p.pollOnce(1);
      assertThat(p.receivedOf(MediaServerLost.class)).as("notices of %s", p.name).singleElement()
          .satisfies(m -> assertThat(m.epoch()).isEqualTo(epoch + 1));
    }
    assertThat(session(sid).getLong("epoch")).isEqualTo(epoch + 1);

    publishAll(people);
    assertThat(cluster.mediaNodes.get(otherIndex).pipelineCount()).isEqualTo(1);
    assertThat(session(sid).getLong("epoch")).isEqualTo(epoch + 1);
    report("kill", reboundNanos, toldNanos);
  }

  @Test
  void mediaNodeRestartedInPlace_sessionIsReboundToTheSameServer() {
    start(1);
    String sid = cluster.client.createSession(cluster.apiUrl(0));
    List<TestParticipant> people = joinAndPublishAll(sid, 2);
    Document before = awaitSession(sid);
    long epoch = before.getLong("epoch");
    String pipelineBefore = before.get("pipeline", Document.class).getString("id");

    long killedAt = System.nanoTime();
    cluster.killMediaNode(0);
    cluster.startMediaNodeAgain(0);
    // The loss is noticed before the Kurento client reconnects (every 2 s), so with no other
    // server the binding is lost first, then restored on the same server once it answers.
    Document after = waitFor(() -> session(sid), doc -> doc.get("pipeline") != null && doc.getLong("epoch") > epoch);
    long reboundNanos = System.nanoTime() - killedAt;
    long finalEpoch = after.getLong("epoch");
    for (TestParticipant p : people) {
      p.await(MediaServerLost.class, m -> m.epoch() == finalEpoch, TIMEOUT);
    }
    long toldNanos = System.nanoTime() - killedAt;
    publishAll(people);
    long answeredNanos = System.nanoTime() - killedAt;

    assertThat(after.getString("mediaServer")).isEqualTo(TestCluster.mediaServerId(0));
    assertThat(after.get("pipeline", Document.class).getString("id")).isNotEqualTo(pipelineBefore);
    assertThat(cluster.mediaNodes.get(0).pipelineCount()).as("one pipeline on the restarted node").isEqualTo(1);
    assertThat(finalEpoch).isBetween(epoch + 1, epoch + 2);
    assertThat(session(sid).getLong("epoch")).as("no further rebind").isEqualTo(finalEpoch);
    System.out.printf("[failover] restart in place: rebound to the same server after %d ms, clients told after %d ms, "
            + "new offers answered after %d ms, epoch %d -> %d%n", TimeUnit.NANOSECONDS.toMillis(reboundNanos),
        TimeUnit.NANOSECONDS.toMillis(toldNanos), TimeUnit.NANOSECONDS.toMillis(answeredNanos), epoch, finalEpoch);
  }

  @Test
  void drainWithMoveSessions_sessionsMoveWithNotice_andNewSessionsNeverLandThere() {
    start(2);
    List<String> sessions = new ArrayList<>();
    List<List<TestParticipant>> people = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String sid = cluster.client.createSession(cluster.apiUrl(0));
      sessions.add(sid);
      people.add(joinAndPublishAll(sid, 2));
    }
    // Drain the server of the first session (the other may be on either server).
    String drained = awaitSession(sessions.getFirst()).getString("mediaServer");
    int drainedIndex = indexOf(drained);
    int otherIndex = 1 - drainedIndex;
    List<Long> epochs = sessions.stream().map(sid -> session(sid).getLong("epoch")).toList();
    List<String> serversBefore = sessions.stream().map(sid -> session(sid).getString("mediaServer")).toList();

    long drainedAt = System.nanoTime();
    ApiClient.Reply reply = cluster.client.send(cluster.apiUrl(0), "POST",
        "/api/admin/media-servers/" + drained + "/drain", ADMIN_KEY, Map.of("moveSessions", true));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);

    for (int i = 0; i < sessions.size(); i++) {
      String sid = sessions.get(i);
      long epoch = epochs.get(i);
      if (!serversBefore.get(i).equals(drained)) {
        assertThat(session(sid).getLong("epoch")).as("a session elsewhere stays put").isEqualTo(epoch);
        continue;
      }
      Document moved = waitFor(() -> session(sid), doc -> doc.getLong("epoch") == epoch + 1);
      assertThat(moved.getString("mediaServer")).isEqualTo(TestCluster.mediaServerId(otherIndex));
      assertEndpointsCleared(moved);
      for (TestParticipant p : people.get(i)) {
        p.await(MediaServerLost.class, m -> m.epoch() == epoch + 1 && m.reason().contains("drained"), TIMEOUT);
      }
    }
    long movedNanos = System.nanoTime() - drainedAt;
    waitFor(() -> cluster.mediaNodes.get(drainedIndex).pipelineCount(), n -> n == 0);
    assertThat(cluster.mediaNodes.get(otherIndex).pipelineCount()).isEqualTo(sessions.size());
    people.forEach(this::publishAll);

    for (int i = 0; i < 3; i++) {
      String fresh = cluster.client.createSession(cluster.apiUrl(0));
      assertThat(awaitSession(fresh).getString("mediaServer")).as("a new session").isNotEqualTo(drained);
    }
    assertThat(cluster.mediaNodes.get(drainedIndex).pipelineCount()).isZero();

    ApiClient.Reply undrain = cluster.client.send(cluster.apiUrl(0), "POST",
        "/api/admin/media-servers/" + drained + "/undrain", ADMIN_KEY, null);
    assertThat(undrain.status()).isEqualTo(202);
    ApiClient.Reply noKey = cluster.client.send(cluster.apiUrl(0), "POST",
        "/api/admin/media-servers/" + drained + "/undrain", null, null);
    assertThat(noKey.status()).isEqualTo(401);
    System.out.printf("[failover] drain: %d session(s) moved and clients told within %d ms%n", sessions.size(),
        TimeUnit.NANOSECONDS.toMillis(movedNanos));
  }

  @Test
  void noServerAvailable_bindingIsLost_andTheNextOfferRebindsOnceAServerReturns() {
    start(2);
    String sid = cluster.client.createSession(cluster.apiUrl(0));
    List<TestParticipant> people = joinAndPublishAll(sid, 2);
    Document before = awaitSession(sid);
    long epoch = before.getLong("epoch");
    int lostIndex = indexOf(before.getString("mediaServer"));
    int otherIndex = 1 - lostIndex;

    cluster.killMediaNode(otherIndex);
    cluster.killMediaNode(lostIndex);

    Document lost = waitFor(() -> session(sid), doc -> doc.getLong("epoch") == epoch + 1);
    assertThat(lost.get("pipeline")).as("binding lost").isNull();
    assertThat(lost.getString("mediaServer")).as("still names the dropped server").isEqualTo(before.getString("mediaServer"));
    assertEndpointsCleared(lost);
    for (TestParticipant p : people) {
      p.await(MediaServerLost.class, m -> m.epoch() == epoch + 1, TIMEOUT);
    }

    // Another server comes back (the dropped one stays down): the next offer binds the session there.
    cluster.startMediaNodeAgain(otherIndex);
    long returnedAt = System.nanoTime();
    TestParticipant first = people.getFirst();
    Answer answer = offerUntilAnswered(first);
    long answeredNanos = System.nanoTime() - returnedAt;

    assertThat(answer.sdp()).contains("a=ice-lite");
    Document rebound = session(sid);
    assertThat(rebound.getString("mediaServer")).isEqualTo(TestCluster.mediaServerId(otherIndex));
    assertThat(rebound.getLong("epoch")).isEqualTo(epoch + 2);
    assertThat(cluster.mediaNodes.get(otherIndex).pipelineCount()).isEqualTo(1);
    for (TestParticipant p : people) {
      p.await(MediaServerLost.class, m -> m.epoch() == epoch + 2, TIMEOUT);
    }
    System.out.printf("[failover] no server: after a server returned, the next offer was rebound and answered "
        + "within %d ms%n", TimeUnit.NANOSECONDS.toMillis(answeredNanos));
  }

  // ---- helpers

  /** Offers until answered: offers sent before the wrappers see the server back fail and are retried by the client. */
  private Answer offerUntilAnswered(TestParticipant p) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    int answersBefore = p.receivedOf(Answer.class).size();
    while (System.nanoTime() < deadline) {
      p.offer(p.participantId, Fixtures.chromiumOffer("sendonly"));
      long roundEnd = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      while (System.nanoTime() < roundEnd) {
        p.pollOnce(1);
        List<Answer> answers = p.receivedOf(Answer.class);
        if (answers.size() > answersBefore) {
          return answers.getLast();
        }
      }
    }
    throw new AssertionError(p.name + " got no answer within " + TIMEOUT + "; received " + p.received());
  }

  private List<TestParticipant> joinAndPublishAll(String sid, int count) {
    List<TestParticipant> people = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TestParticipant p = TestParticipant.join(cluster, i, sid, "p" + i);
      p.await(ExistingParticipants.class, e -> true, TIMEOUT);
      people.add(p);
    }
    publishAll(people);
    return people;
  }

  /** Everyone publishes and receives everyone else; waits for every answer of this round. */
  private void publishAll(List<TestParticipant> people) {
    List<Map<String, Long>> before = people.stream().map(MediaServerFailoverIntegrationTest::answersByTarget).toList();
    for (TestParticipant p : people) {
      p.offer(p.participantId, Fixtures.chromiumOffer("sendonly"));
      for (TestParticipant other : people) {
        if (other != p) {
          p.offer(other.participantId, Fixtures.chromiumOffer("recvonly"));
        }
      }
    }
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    for (int i = 0; i < people.size(); i++) {
      TestParticipant p = people.get(i);
      Map<String, Long> already = before.get(i);
      while (!people.stream().allMatch(target -> answersByTarget(p).getOrDefault(target.participantId, 0L)
          > already.getOrDefault(target.participantId, 0L))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(p.name + " did not get an answer for every connection; received " + p.received());
        }
        p.pollOnce(1);
      }
    }
  }

  private static Map<String, Long> answersByTarget(TestParticipant p) {
    return p.receivedOf(Answer.class).stream()
        .collect(java.util.stream.Collectors.groupingBy(Answer::target, java.util.stream.Collectors.counting()));
  }

  /** Polls {@code read} every 20 ms until {@code done} holds; fails after {@link #TIMEOUT}. */
  private static <T> T waitFor(Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    T value = read.get();
    while (value == null || !done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Still not there after " + TIMEOUT + ": " + value);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      value = read.get();
    }
    return value;
  }

  private Document awaitSession(String sid) {
    return waitFor(() -> session(sid), doc -> doc != null && doc.get("pipeline") != null);
  }

  private Document session(String sid) {
    return sessions().find(new Document("_id", sid)).first();
  }

  private MongoCollection<Document> sessions() {
    return mongo.getDatabase("switchboard").getCollection("sessions");
  }

  private static int indexOf(String serverId) {
    return Integer.parseInt(serverId.substring("medianode-".length())) - 1;
  }

  @SuppressWarnings("unchecked")
  private static void assertEndpointsCleared(Document session) {
    List<Document> participants = (List<Document>) session.get("participants");
    assertThat(participants).isNotEmpty().allSatisfy(p -> {
      assertThat(p.get("publisher")).isNull();
      assertThat((List<Object>) p.get("receivers")).isEmpty();
      assertThat((List<Object>) p.get("pendingCandidates")).isEmpty();
    });
  }

  /** Prints the times the test saw and the wrappers' own detection-to-rebind timer. */
  private void report(String scenario, long reboundNanos, long toldNanos) {
    double detectionMaxMs = 0;
    long recoveries = 0;
    for (ConfigurableApplicationContext wrapper : cluster.wrappers) {
      for (Timer timer : wrapper.getBean(MeterRegistry.class).find("switchboard.recovery.detection").timers()) {
        detectionMaxMs = Math.max(detectionMaxMs, timer.max(TimeUnit.MILLISECONDS));
        recoveries += timer.count();
      }
    }
    System.out.printf("[failover] %s: rebind seen in MongoDB %d ms after the kill, every client told after %d ms; "
            + "wrappers' detection-to-rebind timer: %d recovery(ies), max %.1f ms%n", scenario,
        TimeUnit.NANOSECONDS.toMillis(reboundNanos), TimeUnit.NANOSECONDS.toMillis(toldNanos), recoveries,
        detectionMaxMs);
    assertThat(recoveries).as("exactly one wrapper rebound the session").isEqualTo(1);
  }
}
