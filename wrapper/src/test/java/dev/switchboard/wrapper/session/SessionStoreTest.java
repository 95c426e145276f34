package dev.switchboard.wrapper.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import dev.switchboard.wrapper.media.KurentoRef;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.testing.EmbeddedMongo;
import dev.switchboard.wrapper.testing.FakeMediaServers;
import dev.switchboard.wrapper.testing.MutableClock;
import dev.switchboard.wrapper.testing.TestMongoTemplates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The partial updates of {@link SessionStore} and {@link SessionBindings} against the embedded MongoDB: idempotency and races. */
class SessionStoreTest {
  private static EmbeddedMongo mongo;
  private static MongoClient client;
  private static FakeMediaServers servers;
  private static MediaServerPool pool;
  private static MongoTemplate template;
  private static MutableClock clock;
  private static SessionStore store;
  private static SessionBindings bindings;

  private String sessionId;
  private KurentoRef pipeline;

  @BeforeAll
  static void startMongo() {
    mongo = EmbeddedMongo.start();
    client = mongo.client();
    servers = new FakeMediaServers("a", "b");
    clock = new MutableClock();
    pool = servers.pool(clock);
    template = TestMongoTemplates.create(client, "store-test", pool);
    store = new SessionStore(template, clock);
    bindings = new SessionBindings(template, clock);
  }

  @AfterAll
  static void stopMongo() {
    pool.close();
    client.close();
    mongo.close();
  }

  @BeforeEach
  void newSession() {
    sessionId = "s-" + UUID.randomUUID();
    pipeline = new KurentoRef("a", servers.server("a").newPipeline().getId());
    assertThat(store.insertNew(sessionId, "a", pipeline)).isTrue();
  }

  @Test
  void insertsTheDocumentShapeOfTheContract() {
    Document stored = template.getCollection("sessions").find(new Document("_id", sessionId)).first();

    assertThat(stored).containsEntry("state", "ACTIVE").containsEntry("epoch", 1L).containsEntry("mediaServer", "a")
        .containsEntry("pipeline", new Document("server", "a").append("id", pipeline.id()))
        .containsEntry("participants", List.of()).containsKeys("createdAt", "updatedAt");
    assertThat(store.insertNew(sessionId, "b", pipeline)).as("a second insert of the same session").isFalse();
  }

  @Test
  void pipelinesBoundToReadsTheIdsOfActiveSessionsOnThatServerOnly() {
    String other = "s-" + UUID.randomUUID();
    KurentoRef onB = new KurentoRef("b", servers.server("b").newPipeline().getId());
    store.insertNew(other, "b", onB);

    assertThat(bindings.pipelinesBoundTo("a")).containsEntry(sessionId, pipeline.id()).doesNotContainKey(other);
    assertThat(bindings.pipelinesBoundTo("b")).containsEntry(other, onB.id()).doesNotContainKey(sessionId);
    assertThat(store.findRecords(List.of(sessionId, other, "s-gone"))).extracting(SessionRecord::id)
        .containsExactlyInAnyOrder(sessionId, other);
  }

  @Test
  void sameJoinTwiceAddsOneParticipant() {
    assertThat(store.addParticipant(sessionId, "p1", "Ada", 100)).isPresent();
    assertThat(store.addParticipant(sessionId, "p1", "Ada", 100)).isEmpty();

    SessionRecord session = store.findRecord(sessionId).orElseThrow();
    assertThat(session.participants()).extracting(ParticipantRecord::id).containsExactly("p1");
    assertThat(session.participants().getFirst().name()).isEqualTo("Ada");
  }

  @Test
  void concurrentJoinsLoseNoUpdate() throws Exception {
    int threads = 8;
    int perThread = 6;
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(executor.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          // Every participant joins twice, as a redelivery would.
          store.addParticipant(sessionId, "p" + thread + "-" + i, "n", 100);
          store.addParticipant(sessionId, "p" + thread + "-" + i, "n", 100);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get();
    }
    executor.shutdown();

    List<String> ids = store.findRecord(sessionId).orElseThrow().participants().stream().map(ParticipantRecord::id).toList();
    assertThat(ids).hasSize(threads * perThread).doesNotHaveDuplicates();
  }

  @Test
  void joinIsRefusedOnceTheSessionIsClosing() {
    assertThat(store.claimIfEmpty(sessionId)).isPresent();

    assertThat(store.addParticipant(sessionId, "late", "Late", 100)).isEmpty();
    assertThat(store.findRecord(sessionId).orElseThrow().participants()).isEmpty();
  }

  @Test
  void onlyTheFirstPublisherIsStored() {
    store.addParticipant(sessionId, "p1", "Ada", 100);
    KurentoRef first = new KurentoRef("a", pipeline.id() + "/1_kurento.WebRtcEndpoint");
    KurentoRef second = new KurentoRef("a", pipeline.id() + "/2_kurento.WebRtcEndpoint");

    assertThat(store.setPublisherIfAbsent(sessionId, "p1", first)).isTrue();
    assertThat(store.setPublisherIfAbsent(sessionId, "p1", second)).isFalse();
    assertThat(store.setPublisherIfAbsent(sessionId, "nobody", second)).isFalse();

    assertThat(store.findRecord(sessionId).orElseThrow().participant("p1").orElseThrow().publisher()).isEqualTo(first);
  }

  @Test
  void racingPublishersStoreExactlyOne() throws Exception {
    store.addParticipant(sessionId, "p1", "Ada", 100);
    int racers = 6;
    ExecutorService executor = Executors.newFixedThreadPool(racers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      KurentoRef ref = new KurentoRef("a", pipeline.id() + "/" + i + "_kurento.WebRtcEndpoint");
      Callable<Boolean> racer = () -> {
        start.await();
        return store.setPublisherIfAbsent(sessionId, "p1", ref);
      };
      results.add(executor.submit(racer));
    }
    start.countDown();
    int winners = 0;
    for (Future<Boolean> result : results) {
      winners += result.get() ? 1 : 0;
    }
    executor.shutdown();

    assertThat(winners).isEqualTo(1);
  }

  @Test
  void receiverIsStoredOncePerTargetAndOnlyWhileTheTargetIsThere() {
    store.addParticipant(sessionId, "p1", "Ada", 100);
    store.addParticipant(sessionId, "p2", "Grace", 100);
    KurentoRef first = new KurentoRef("a", pipeline.id() + "/r1_kurento.WebRtcEndpoint");
    KurentoRef second = new KurentoRef("a", pipeline.id() + "/r2_kurento.WebRtcEndpoint");

    assertThat(store.addReceiverIfAbsent(sessionId, "p1", "p2", first)).isTrue();
    assertThat(store.addReceiverIfAbsent(sessionId, "p1", "p2", second)).isFalse();
    assertThat(store.addReceiverIfAbsent(sessionId, "p1", "gone", second)).as("unknown target").isFalse();

    ParticipantRecord p1 = store.findRecord(sessionId).orElseThrow().participant("p1").orElseThrow();
    assertThat(p1.receivers()).containsExactly(new ReceiverRecord("p2", first));
  }

  @Test
  void endpointsAreForgottenOnlyIfStillTheSame() {
    store.addParticipant(sessionId, "p1", "Ada", 100);
    store.addParticipant(sessionId, "p2", "Grace", 100);
    KurentoRef publisher = new KurentoRef("a", pipeline.id() + "/pub_kurento.WebRtcEndpoint");
    KurentoRef receiver = new KurentoRef("a", pipeline.id() + "/rec_kurento.WebRtcEndpoint");
    store.setPublisherIfAbsent(sessionId, "p1", publisher);
    store.addReceiverIfAbsent(sessionId, "p1", "p2", receiver);

    assertThat(store.removePublisher(sessionId, "p1", "other")).isFalse();
    assertThat(store.removeReceiver(sessionId, "p1", "p2", "other")).isFalse();
    assertThat(store.removePublisher(sessionId, "p1", publisher.id())).isTrue();
    assertThat(store.removeReceiver(sessionId, "p1", "p2", receiver.id())).isTrue();

    ParticipantRecord p1 = store.findRecord(sessionId).orElseThrow().participant("p1").orElseThrow();
    assertThat(p1.publisher()).isNull();
    assertThat(p1.receivers()).isEmpty();
  }

  @Test
  void pendingCandidatesAreKeptOnceAndDroppedWhenApplied() {
    store.addParticipant(sessionId, "p1", "Ada", 100);
    PendingCandidate c1 = new PendingCandidate("p1", "candidate:1", "0", 0);
    PendingCandidate c2 = new PendingCandidate("p1", "candidate:2", "1", 1);
    PendingCandidate other = new PendingCandidate("p2", "candidate:1", "0", 0);

    assertThat(store.addPendingCandidate(sessionId, "p1", c1)).isTrue();
    assertThat(store.addPendingCandidate(sessionId, "p1", c1)).isTrue();
    store.addPendingCandidate(sessionId, "p1", c2);
    store.addPendingCandidate(sessionId, "p1", other);
    assertThat(store.addPendingCandidate(sessionId, "nobody", c1)).isFalse();
    assertThat(store.findRecord(sessionId).orElseThrow().participant("p1").orElseThrow().pendingCandidates())
        .containsExactly(c1, c2, other);

    store.removePendingCandidates(sessionId, "p1", "p1", List.of("candidate:1"));

    assertThat(store.findRecord(sessionId).orElseThrow().participant("p1").orElseThrow().pendingCandidates())
        .containsExactly(c2, other);
  }

  @Test
  void pullsReturnTheDocumentAsItWasBefore() {
    store.addParticipant(sessionId, "p1", "Ada", 100);
    store.addParticipant(sessionId, "p2", "Grace", 100);
    store.addParticipant(sessionId, "p3", "Linus", 100);
    KurentoRef p2SeesP1 = new KurentoRef("a", pipeline.id() + "/x_kurento.WebRtcEndpoint");
    KurentoRef p3SeesP1 = new KurentoRef("a", pipeline.id() + "/y_kurento.WebRtcEndpoint");
    KurentoRef p3SeesP2 = new KurentoRef("a", pipeline.id() + "/z_kurento.WebRtcEndpoint");
    store.addReceiverIfAbsent(sessionId, "p2", "p1", p2SeesP1);
    store.addReceiverIfAbsent(sessionId, "p3", "p1", p3SeesP1);
    store.addReceiverIfAbsent(sessionId, "p3", "p2", p3SeesP2);

    SessionRecord beforeParticipant = store.pullParticipant(sessionId, "p1").orElseThrow();
    SessionRecord beforeReceivers = store.pullReceiversOf(sessionId, "p1").orElseThrow();

    assertThat(beforeParticipant.participant("p1")).isPresent();
    assertThat(beforeReceivers.participant("p1")).isEmpty();
    assertThat(beforeReceivers.participant("p3").orElseThrow().receivers()).hasSize(2);
    SessionRecord after = store.findRecord(sessionId).orElseThrow();
    assertThat(after.participants()).extracting(ParticipantRecord::id).containsExactly("p2", "p3");
    assertThat(after.participant("p2").orElseThrow().receivers()).isEmpty();
    assertThat(after.participant("p3").orElseThrow().receivers()).containsExactly(new ReceiverRecord("p2", p3SeesP2));
    assertThat(store.pullParticipant("no-such-session", "p1")).isEmpty();
  }

  @Test
  void emptySessionIsClaimedOnceAndNotWhileSomeoneIsIn() {
    store.addParticipant(sessionId, "p1", "Ada", 100);
    assertThat(store.claimIfEmpty(sessionId)).isEmpty();

    store.pullParticipant(sessionId, "p1");
    assertThat(store.claimIfEmpty(sessionId)).get().extracting(SessionRecord::state).isEqualTo(SessionStates.CLOSING);
    assertThat(store.claimIfEmpty(sessionId)).isEmpty();
    assertThat(store.deleteClosing(sessionId)).isTrue();
    assertThat(store.exists(sessionId)).isFalse();
  }

  @Test
  void idleClaimIsACompareAndSetOnWhatTheSweepSaw() {
    clock.advance(Duration.ofMinutes(10));
    List<SessionRecord> endable = store.findEndable(clock.instant().minus(Duration.ofMinutes(5)));
    SessionRecord seen = endable.stream().filter(s -> s.id().equals(sessionId)).findFirst().orElseThrow();

    // A join (then leave) between the sweep's read and its claim changes updatedAt: the claim fails.
    store.addParticipant(sessionId, "p1", "Ada", 100);
    store.pullParticipant(sessionId, "p1");
    assertThat(store.claimIdle(seen)).isEmpty();

    SessionRecord seenAgain = store.findRecord(sessionId).orElseThrow();
    assertThat(store.claimIdle(seenAgain)).isPresent();
    assertThat(store.claimIdle(seenAgain)).as("a second sweeper with the same view").isEmpty();
  }

  @Test
  void busyAndFreshSessionsAreNotEndable() {
    String busy = "busy-" + UUID.randomUUID();
    store.insertNew(busy, "a", pipeline);
    store.addParticipant(busy, "p1", "Ada", 100);
    clock.advance(Duration.ofMinutes(10));
    String fresh = "fresh-" + UUID.randomUUID();
    store.insertNew(fresh, "a", pipeline);

    List<String> endable = store.findEndable(clock.instant().minus(Duration.ofMinutes(5))).stream()
        .map(SessionRecord::id).toList();

    assertThat(endable).contains(sessionId).doesNotContain(busy, fresh);
  }

  @Test
  void rebindIsACompareAndSetOnTheEpoch() throws Exception {
    KurentoRef newPipeline = new KurentoRef("b", servers.server("b").newPipeline().getId());
    KurentoRef otherPipeline = new KurentoRef("b", servers.server("b").newPipeline().getId());
    ExecutorService executor = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    Future<Boolean> first = executor.submit(() -> {
      start.await();
      return bindings.rebindAfterLoss(sessionId, 1, "b", newPipeline, notice(2)).isPresent();
    });
    Future<Boolean> second = executor.submit(() -> {
      start.await();
      return bindings.rebindAfterLoss(sessionId, 1, "b", otherPipeline, notice(2)).isPresent();
    });
    start.countDown();
    boolean firstWon = first.get();
    boolean secondWon = second.get();
    executor.shutdown();

    assertThat(firstWon ^ secondWon).as("exactly one racer wins").isTrue();
    SessionRecord after = store.findRecord(sessionId).orElseThrow();
    assertThat(after.epoch()).isEqualTo(2);
    assertThat(after.mediaServer()).isEqualTo("b");
    assertThat(after.pipeline()).isEqualTo(firstWon ? newPipeline : otherPipeline);
    assertThat(bindings.rebindAfterLoss(sessionId, 1, "a", pipeline, notice(2))).as("a stale epoch").isEmpty();
    assertThat(bindings.rebindAfterLoss(sessionId, 2, "a", pipeline, notice(3))).get().extracting(SessionRecord::epoch)
        .isEqualTo(3L);
  }

  @Test
  void listsEverySessionId() {
    assertThat(store.allSessionIds()).contains(sessionId);
    assertThat(store.exists(sessionId)).isTrue();
    assertThat(store.exists("nope")).isFalse();
  }

  @Test
  void recoveryClaimIsExclusiveUntilItGoesStale() {
    java.time.Instant staleBefore = clock.instant().minusSeconds(10);
    assertThat(bindings.claimRecovery(sessionId, 1, "a", "w1", staleBefore)).isPresent();
    assertThat(bindings.claimRecovery(sessionId, 1, "a", "w2", staleBefore)).as("held by w1").isEmpty();
    assertThat(bindings.claimRecovery(sessionId, 1, "b", "w2", staleBefore)).as("not bound to b").isEmpty();
    assertThat(bindings.claimRecovery(sessionId, 2, "a", "w2", staleBefore)).as("another epoch").isEmpty();

    clock.advance(Duration.ofSeconds(11));

    assertThat(bindings.claimRecovery(sessionId, 1, "a", "w2", clock.instant().minusSeconds(10)))
        .as("a stale marker may be taken over").isPresent();
  }

  @Test
  void rebindAfterLossForgetsEveryEndpointAndTheMarker() {
    store.addParticipant(sessionId, "p1", "Ada", 100);
    store.addParticipant(sessionId, "p2", "Grace", 100);
    store.setPublisherIfAbsent(sessionId, pipeline.id(), "p1", new KurentoRef("a", pipeline.id() + "/e1"));
    store.addReceiverIfAbsent(sessionId, pipeline.id(), "p2", "p1", new KurentoRef("a", pipeline.id() + "/e2"));
    store.addPendingCandidate(sessionId, "p2", new PendingCandidate("p2", "candidate:1", "0", 0));
    bindings.claimRecovery(sessionId, 1, "a", "w1", clock.instant().minusSeconds(10));
    KurentoRef moved = new KurentoRef("b", servers.server("b").newPipeline().getId());

    SessionRecord after = bindings.rebindAfterLoss(sessionId, 1, "b", moved, notice(2)).orElseThrow();

    assertThat(after.epoch()).isEqualTo(2);
    assertThat(after.mediaServer()).isEqualTo("b");
    assertThat(after.pipeline()).isEqualTo(moved);
    assertThat(after.participants()).hasSize(2).allSatisfy(p -> {
      assertThat(p.publisher()).isNull();
      assertThat(p.receivers()).isEmpty();
      assertThat(p.pendingCandidates()).isEmpty();
    });
    Document raw = template.getCollection("sessions").find(new Document("_id", sessionId)).first();
    assertThat(raw).doesNotContainKey("recovery");
    assertThat(LossNotice.fromDocument(raw.get("lossNotice", Document.class))).as("the notice the move owes")
        .isEqualTo(notice(2));
    assertThat(bindings.rebindAfterLoss(sessionId, 1, "a", pipeline, notice(2))).as("a stale epoch").isEmpty();
    assertThat(store.setPublisherIfAbsent(sessionId, pipeline.id(), "p1", new KurentoRef("a", "old")))
        .as("an endpoint of the old pipeline is never stored").isFalse();
    assertThat(store.setPublisherIfAbsent(sessionId, moved.id(), "p1", new KurentoRef("b", "new"))).isTrue();
  }

  @Test
  void aLostBindingHasNoPipelineAndIsNotProbed() {
    SessionRecord after = bindings.rebindAfterLoss(sessionId, 1, "a", null, notice(2)).orElseThrow();

    assertThat(after.pipeline()).isNull();
    assertThat(after.mediaServer()).as("the dropped server, tried first later").isEqualTo("a");
    assertThat(after.epoch()).isEqualTo(2);
    assertThat(bindings.findBoundTo("a")).extracting(SessionRecord::id).doesNotContain(sessionId);
  }

  @Test
  void aNoticeForAnotherEpochThanTheMovesIsRefused() {
    assertThatThrownBy(() -> bindings.rebindAfterLoss(sessionId, 1, "a", null, notice(3)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findRecord(sessionId).orElseThrow().epoch()).isEqualTo(1);
  }

  private LossNotice notice(long epoch) {
    return new LossNotice(epoch, "a", "b", "lost", "media server a was lost", clock.instant(),
        clock.instant().plusSeconds(5));
  }
}
