package dev.switchboard.wrapper.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wrapper.session.ParticipantRecord;
import dev.switchboard.wrapper.session.PendingCandidate;
import dev.switchboard.wrapper.testing.FakeEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.IceCandidate;
import dev.switchboard.wrapper.testing.HandlerFixture;

/** Browser candidates: applied at once when the endpoint exists, kept until it does otherwise. */
class AddIceCandidateHandlerTest {
  private static final HandlerFixture fixture = new HandlerFixture();

  private String sessionId;

  @AfterAll
  static void close() {
    fixture.close();
  }

  @BeforeEach
  void session() {
    sessionId = fixture.newSession("a");
    fixture.joins.handle(fixture.join(sessionId, "p1"));
    fixture.joins.handle(fixture.join(sessionId, "p2"));
  }

  @Test
  void aCandidateBeforeItsOfferIsKeptAndAppliedOnceTheEndpointExists() {
    fixture.candidates.handle(fixture.candidate(sessionId, "p1", "p1", "candidate:early"));

    assertThat(participant("p1").pendingCandidates()).containsExactly(new PendingCandidate("p1", "candidate:early", "0", 0));
    assertThat(participant("p1").publisher()).isNull();

    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "offer"));

    assertThat(candidatesOf(publisher("p1"))).containsExactly("candidate:early");
    assertThat(participant("p1").pendingCandidates()).isEmpty();
  }

  @Test
  void aCandidateForAReceiverBeforeItsOfferIsAppliedToThatReceiver() {
    fixture.candidates.handle(fixture.candidate(sessionId, "p2", "p1", "candidate:for-receiver"));
    fixture.candidates.handle(fixture.candidate(sessionId, "p2", "p2", "candidate:for-publisher"));

    fixture.offers.handle(fixture.offer(sessionId, "p2", "p1", "recv"));

    String receiverId = participant("p2").receivers().getFirst().endpoint().id();
    assertThat(candidatesOf(fixture.servers.endpoint(receiverId))).containsExactly("candidate:for-receiver");
    assertThat(participant("p2").pendingCandidates()).containsExactly(
        new PendingCandidate("p2", "candidate:for-publisher", "0", 0));
  }

  @Test
  void aCandidateAfterTheOfferGoesStraightToTheEndpoint() {
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "offer"));

    fixture.candidates.handle(fixture.candidate(sessionId, "p1", "p1", "candidate:late"));

    assertThat(candidatesOf(publisher("p1"))).containsExactly("candidate:late");
    assertThat(participant("p1").pendingCandidates()).isEmpty();
  }

  @Test
  void anEmptyCandidateMeansEndOfCandidatesAndIsSkipped() {
    fixture.candidates.handle(fixture.candidate(sessionId, "p1", "p1", ""));

    assertThat(participant("p1").pendingCandidates()).isEmpty();
  }

  @Test
  void aCandidateForAnUnknownTargetIsRejected() {
    assertThatThrownBy(() -> fixture.candidates.handle(fixture.candidate(sessionId, "p1", "ghost", "candidate:x")))
        .isInstanceOfSatisfying(CommandRejectedException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_TARGET"));
  }

  @Test
  void candidatesRacingTheOfferAreAllAppliedAndNoneStaysPending() throws Exception {
    int count = 12;
    ExecutorService executor = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String candidate = "candidate:" + i;
      futures.add(executor.submit(() -> {
        start.await();
        fixture.candidates.handle(fixture.candidate(sessionId, "p1", "p1", candidate));
        return null;
      }));
    }
    futures.add(executor.submit(() -> {
      start.await();
      fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "offer"));
      return null;
    }));
    start.countDown();
    for (Future<?> future : futures) {
      future.get();
    }
    executor.shutdown();

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      expected.add("candidate:" + i);
    }
    assertThat(candidatesOf(publisher("p1"))).containsAll(expected);
    assertThat(participant("p1").pendingCandidates()).isEmpty();
  }

  private ParticipantRecord participant(String participantId) {
    return fixture.store.findRecord(sessionId).orElseThrow().participant(participantId).orElseThrow();
  }

  private FakeEndpoint publisher(String participantId) {
    return fixture.servers.endpoint(participant(participantId).publisher().id());
  }

  private static List<String> candidatesOf(FakeEndpoint endpoint) {
    return endpoint.candidates().stream().map(IceCandidate::getCandidate).toList();
  }

  @Test
  void candidatesWaitingForEndpointsAreBounded() {
    int max = fixture.limits.maxPendingCandidates();
    for (int i = 0; i < max; i++) {
      fixture.candidates.handle(fixture.candidate(sessionId, "p1", "p1", "candidate:" + i));
    }

    assertThatThrownBy(() -> fixture.candidates.handle(fixture.candidate(sessionId, "p1", "p1", "candidate:extra")))
        .isInstanceOfSatisfying(CommandRejectedException.class, e -> assertThat(e.code()).isEqualTo("TOO_MANY_CANDIDATES"));
    assertThat(participant("p1").pendingCandidates()).hasSize(max);
  }
}
