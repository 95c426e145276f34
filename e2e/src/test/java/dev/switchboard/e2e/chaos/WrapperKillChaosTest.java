package dev.switchboard.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.contracts.messages.IceCandidateFound;
import dev.switchboard.contracts.messages.ParticipantJoined;
import dev.switchboard.local.support.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Wrappers crash under load: 40 sessions of 5 participants join and each publishes one real
 * Chromium offer, paced over about 56 s, while a wrapper is SIGKILLed every 3.5 s and restarted in
 * place (at least one always stays up). Every join and offer must complete, nothing may be done
 * twice (one stored publisher per participant, every stored endpoint on the medianode, at most one
 * unreferenced endpoint per kill), events must keep reaching the other participants, and once
 * everyone has left the medianode must hold nothing.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WrapperKillChaosTest {
  /** The wrappers' default {@code work-queue-concurrency}: CreateSession commands in flight per instance. */
  private static final int WORK_QUEUE_CONCURRENCY = 8;
  private static final int SESSIONS = 40;
  private static final int PER_SESSION = 5;
  private static final Duration SESSION_PACE = Duration.ofMillis(1400);
  private static final Duration KILL_EVERY = Duration.ofMillis(3500);
  private static final Duration STEP_WAIT = Duration.ofSeconds(60);
  private static final int WRAPPERS = 3;
  /**
   * A killed wrapper takes 13-28 s to be healthy again on a shared 2-core machine (a JVM and
   * Spring start) and one must stay up, so two are down at once for most of the run: about two
   * kills per restart time, whatever the kill tick. The kill tick is what a faster machine gets.
   */
  private static final int MIN_KILLS = 4;

  @Test
  void everyJoinAndOfferCompletesWhileWrappersAreKilled() throws Exception {
    String sdp = Fixtures.chromiumOffer("sendrecv");
    try (ChaosHarness h = ChaosHarness.start("wrapper-kill", 2, WRAPPERS, 1, ChaosHarness.SYSTEM_AMQP)) {
      Map<String, List<ChaosParticipant>> sessions = new ConcurrentHashMap<>();
      List<Long> joinToAnswer = new CopyOnWriteArrayList<>();
      List<String> failures = new CopyOnWriteArrayList<>();
      AtomicInteger kills = new AtomicInteger();
      Set<String> down = ConcurrentHashMap.newKeySet();
      ExecutorService restarts = Executors.newVirtualThreadPerTaskExecutor();
      ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
      long chaosStart = System.nanoTime();

      // The chaos: a kill every KILL_EVERY while the sessions are being started, on a thread of its own.
      AtomicBoolean loading = new AtomicBoolean(true);
      Future<?> chaos = restarts.submit(() -> {
        while (loading.get()) {
          ChaosHarness.pause(KILL_EVERY);
          if (loading.get()) {
            killOne(h, kills, down, restarts);
          }
        }
        return null;
      });
      List<Future<?>> running = new ArrayList<>();
      for (int s = 0; s < SESSIONS; s++) {
        int session = s;
        running.add(load.submit(() -> runSession(h, session, sdp, sessions, joinToAnswer, failures)));
        ChaosHarness.pause(SESSION_PACE);
      }
      loading.set(false);
      chaos.get(30, TimeUnit.SECONDS);
      for (Future<?> future : running) {
        future.get(3 * STEP_WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      long chaosMs = ChaosHarness.millisSince(chaosStart);
      restarts.shutdown();
      assertThat(restarts.awaitTermination(90, TimeUnit.SECONDS)).as("restarts finished").isTrue();

      List<ChaosParticipant> all = sessions.values().stream().flatMap(List::stream).toList();
      // Late events: everyone published, so everyone gets media-server candidates for its connection.
      List<ChaosParticipant> withoutCandidates = new ArrayList<>();
      for (ChaosParticipant p : all) {
        if (p.await(IceCandidateFound.class, c -> c.target().equals(p.participantId), Duration.ofSeconds(20)) == null) {
          withoutCandidates.add(p);
        }
      }
      // Known gap: when the wrapper dies after gatherCandidates but before acknowledging the offer, the
      // candidates went to its listener; the redelivery answers again (the endpoint's SDP, without
      // candidates) and gathering does not run twice. Only such publishers may lack candidates.
      List<ChaosParticipant> withoutCandidatesNotRedelivered = withoutCandidates.stream()
          .filter(p -> p.receivedOf(Answer.class).size() < 2).toList();
      int missingJoinedEvents = 0;
      for (List<ChaosParticipant> members : sessions.values()) {
        for (int i = 0; i < members.size(); i++) {
          for (int j = i + 1; j < members.size(); j++) {
            String later = members.get(j).participantId;
            if (members.get(i).await(ParticipantJoined.class, e -> e.participantId().equals(later),
                Duration.ofSeconds(10)) == null) {
              missingJoinedEvents++;
            }
          }
        }
      }
      all.forEach(ChaosParticipant::stopPolling);

      int answers = all.stream().mapToInt(p -> p.receivedOf(Answer.class).size()).sum();
      int duplicateAnswers = all.stream().mapToInt(p -> Math.max(0, p.receivedOf(Answer.class).size() - 1)).sum();
      int duplicateExisting = all.stream()
          .mapToInt(p -> Math.max(0, p.receivedOf(ExistingParticipants.class).size() - 1)).sum();
      int duplicateJoined = all.stream().mapToInt(p -> {
        List<String> joined = p.receivedOf(ParticipantJoined.class).stream().map(ParticipantJoined::participantId).toList();
        return joined.size() - new HashSet<>(joined).size();
      }).sum();
      int gaps = all.stream().mapToInt(ChaosParticipant::gaps).sum();

      // MongoDB: every participant stored once with one publisher; the medianode holds exactly those endpoints.
      List<Document> documents = h.sessionDocuments(sessions.keySet());
      int storedParticipants = documents.stream().mapToInt(d -> d.getList("participants", Document.class).size()).sum();
      long withPublisher = documents.stream().flatMap(d -> d.getList("participants", Document.class).stream())
          .filter(p -> p.get("publisher") != null).count();
      List<String> stored = ChaosHarness.storedEndpointIds(documents);
      Map<String, List<String>> onMedianode = h.webRtcEndpointsOnMedianodes();
      List<String> live = onMedianode.values().stream().flatMap(List::stream).toList();
      Set<String> orphans = new HashSet<>(live);
      stored.forEach(orphans::remove);
      Set<String> dangling = new HashSet<>(stored);
      live.forEach(dangling::remove);

      h.figure("sessions", sessions.size());
      h.figure("joins", all.size());
      h.figure("offers", all.size());
      h.figure("kills", kills.get());
      h.figure("killTicksSkippedToKeepOneWrapperUp", skipped.get());
      h.figure("wrapperRestartMs", restartMs);
      h.figure("chaosMs", chaosMs);
      h.figure("answers", answers);
      h.figure("duplicateAnswers", duplicateAnswers);
      h.figure("duplicateExistingParticipants", duplicateExisting);
      h.figure("duplicateParticipantJoined", duplicateJoined);
      h.figure("requestRetries", h.requestRetries.get());
      h.figure("joinToAnswerP50Ms", ChaosHarness.quantile(joinToAnswer, 0.50));
      h.figure("joinToAnswerP99Ms", ChaosHarness.quantile(joinToAnswer, 0.99));
      h.figure("joinToAnswerMaxMs", ChaosHarness.quantile(joinToAnswer, 1.0));
      h.figure("storedParticipants", storedParticipants);
      h.figure("storedEndpoints", stored.size());
      h.figure("medianodePipelines", onMedianode.size());
      h.figure("medianodeWebRtcEndpoints", live.size());
      h.figure("orphanEndpoints", orphans.size());
      h.figure("missingParticipantJoined", missingJoinedEvents);
      h.figure("withoutIceCandidates", withoutCandidates.size());
      h.figure("withoutIceCandidatesAndNotRedelivered", withoutCandidatesNotRedelivered.size());
      h.figure("seqGaps", gaps);

      assertThat(failures).as("joins or offers that did not complete").isEmpty();
      assertThat(kills.get()).as("wrapper kills").isGreaterThanOrEqualTo(MIN_KILLS);
      assertThat(all).as("participants").hasSize(SESSIONS * PER_SESSION);
      assertThat(joinToAnswer).as("answered offers").hasSize(SESSIONS * PER_SESSION);
      assertThat(gaps).as("seq gaps").isZero();
      assertThat(missingJoinedEvents).as("participantJoined events missing").isZero();
      assertThat(withoutCandidatesNotRedelivered).as("publishers without media-server candidates, offer not redelivered")
          .isEmpty();
      assertThat(withoutCandidates).as("publishers without media-server candidates: at most one per kill")
          .hasSizeLessThanOrEqualTo(kills.get());
      assertThat(documents).as("stored sessions").hasSize(SESSIONS);
      assertThat(storedParticipants).as("stored participants (lost joins or duplicates)").isEqualTo(SESSIONS * PER_SESSION);
      assertThat(withPublisher).as("stored participants with their publisher").isEqualTo(SESSIONS * PER_SESSION);
      assertThat(stored).as("stored endpoint ids").doesNotHaveDuplicates();
      // Known gap, like the endpoints below: a wrapper killed between creating a session's pipeline
      // and storing it leaves that pipeline empty and unreferenced (the redelivered CreateSession makes
      // the one that is stored); the node collects it once its Kurento session has been gone for its
      // gc-period. Up to work-queue-concurrency creations are in flight when a wrapper dies.
      Set<String> storedPipelines = new HashSet<>();
      documents.forEach(d -> {
        Document pipeline = d.get("pipeline", Document.class);
        if (pipeline != null) {
          storedPipelines.add(pipeline.getString("id"));
        }
      });
      Map<String, List<String>> orphanPipelines = new HashMap<>(onMedianode);
      storedPipelines.forEach(orphanPipelines::remove);
      assertThat(storedPipelines).as("one stored pipeline per session").hasSize(SESSIONS);
      assertThat(onMedianode.keySet()).as("every stored pipeline on the medianode").containsAll(storedPipelines);
      assertThat(orphanPipelines).as("unreferenced pipelines: empty, at most the creations in flight per kill")
          .hasSizeLessThanOrEqualTo(kills.get() * WORK_QUEUE_CONCURRENCY)
          .allSatisfy((id, endpoints) -> assertThat(endpoints).as("endpoints in unreferenced pipeline %s", id).isEmpty());
      assertThat(dangling).as("stored endpoints missing on the medianode").isEmpty();
      // Known gap: a wrapper killed between creating an endpoint and storing its reference leaves that
      // endpoint unreferenced in the pipeline (the redelivered offer creates the one that is stored).
      // At most one per kill, and it lives only as long as its session: checked below.
      assertThat(orphans).as("unreferenced endpoints on the medianode: at most one per wrapper kill")
          .hasSizeLessThanOrEqualTo(kills.get());

      // Everyone leaves: the last one out ends each session, and its pipeline goes with every endpoint in it.
      long leaving = System.nanoTime();
      List<Future<?>> leaves = new ArrayList<>();
      for (List<ChaosParticipant> members : sessions.values()) {
        leaves.add(load.submit(() -> members.forEach(ChaosParticipant::leave)));
      }
      for (Future<?> leave : leaves) {
        leave.get(STEP_WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      long until = System.nanoTime() + STEP_WAIT.toNanos();
      Map<String, List<String>> left = h.webRtcEndpointsOnMedianodes();
      while (!orphanPipelines.keySet().containsAll(left.keySet()) && System.nanoTime() < until) {
        ChaosHarness.pause(Duration.ofMillis(500));
        left = h.webRtcEndpointsOnMedianodes();
      }
      load.shutdown();
      h.figure("allLeftToEmptyMedianodeMs", ChaosHarness.millisSince(leaving));
      assertThat(left.keySet()).as("pipelines left on the medianode after every session ended (only the empty "
          + "unreferenced ones, which the node collects after its gc-period)").isSubsetOf(orphanPipelines.keySet());
      assertThat(h.sessionDocuments(sessions.keySet())).as("stored sessions after everyone left").isEmpty();
      h.passed();
    }
  }

  /** One session: create, then five participants in turn join, wait for their welcome, publish and wait for the answer. */
  private static void runSession(ChaosHarness h, int index, String sdp, Map<String, List<ChaosParticipant>> sessions,
      List<Long> joinToAnswer, List<String> failures) {
    try {
      String sid = h.createSession();
      List<ChaosParticipant> members = new CopyOnWriteArrayList<>();
      sessions.put(sid, members);
      for (int i = 0; i < PER_SESSION; i++) {
        ChaosParticipant p = ChaosParticipant.join(h, sid, "s" + index + "p" + i);
        members.add(p);
        p.startPolling(5);
        if (p.await(ExistingParticipants.class, e -> true, STEP_WAIT) == null) {
          failures.add(p + ": no existingParticipants");
          continue;
        }
        p.offer(p.participantId, sdp);
        ChaosParticipant.Received answer = p.await(Answer.class, a -> a.target().equals(p.participantId), STEP_WAIT);
        if (answer == null) {
          failures.add(p + ": no answer");
          continue;
        }
        joinToAnswer.add((answer.atNanos() - p.joinSentNanos) / 1_000_000);
      }
    } catch (RuntimeException | AssertionError e) {
      failures.add("session " + index + ": " + e);
    }
  }

  /** SIGKILLs the next wrapper that is up (never the last one) and restarts it in place in the background. */
  /** How long each killed wrapper took to be healthy again (a JVM start on a shared 2-core machine). */
  private final List<Long> restartMs = new CopyOnWriteArrayList<>();
  /** Kill ticks skipped because every other wrapper was still restarting. */
  private final AtomicInteger skipped = new AtomicInteger();
  /** The wrapper (index) to try killing next. */
  private final AtomicInteger cursor = new AtomicInteger();

  private void killOne(ChaosHarness h, AtomicInteger kills, Set<String> down, ExecutorService restarts)
      throws InterruptedException {
    if (down.size() >= WRAPPERS - 1) {
      skipped.incrementAndGet(); // the last one up stays up
      return;
    }
    for (int attempt = 0; attempt < WRAPPERS; attempt++) {
      int index = (cursor.get() + attempt) % WRAPPERS;
      String name = "wrapper-" + (1 + index);
      if (down.add(name)) {
        cursor.set(index + 1); // round robin over the wrappers that are up
        h.cluster.kill(name);
        kills.incrementAndGet();
        System.out.printf("CHAOS wrapper-kill killed %s (kill %d)%n", name, kills.get());
        long killed = System.nanoTime();
        restarts.submit(() -> {
          try {
            h.cluster.restart(name);
            restartMs.add(ChaosHarness.millisSince(killed));
            System.out.printf("CHAOS wrapper-kill %s back%n", name);
          } finally {
            down.remove(name);
          }
          return null;
        });
        return;
      }
    }
  }
}
