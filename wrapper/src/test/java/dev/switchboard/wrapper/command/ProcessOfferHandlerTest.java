package dev.switchboard.wrapper.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.bus.ProcessOffer;
import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.IceCandidateFound;
import dev.switchboard.wrapper.media.KurentoRef;
import dev.switchboard.wrapper.session.ParticipantRecord;
import dev.switchboard.wrapper.session.ReceiverRecord;
import dev.switchboard.wrapper.testing.FakeEndpoint;
import dev.switchboard.wrapper.testing.FakeMediaServer;
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

/** Publishing and receiving offers: group-call wiring, idempotency, renegotiation and races. */
class ProcessOfferHandlerTest {
  private static final HandlerFixture fixture = new HandlerFixture();

  private String sessionId;

  @AfterAll
  static void close() {
    fixture.close();
  }

  @BeforeEach
  void session() {
    fixture.servers.server("a").setAnswerer(offer -> "answer to " + offer);
    fixture.sent.clear();
    sessionId = fixture.newSession("a");
    fixture.joins.handle(fixture.join(sessionId, "p1"));
    fixture.joins.handle(fixture.join(sessionId, "p2"));
  }

  @Test
  void aPublishOfferIsAnsweredFromOnePublisherEndpoint() {
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "offer-1"));

    assertThat(fixture.to("user.p1", Answer.class)).contains(new Answer("p1", "answer to offer-1"));
    FakeEndpoint publisher = publisherOf("p1");
    assertThat(publisher.remote()).isEqualTo("offer-1");
    assertThat(publisher.gatherCalls()).isEqualTo(1);

    publisher.emit(new IceCandidate("candidate:9 1 udp 1 10.0.0.1 5000 typ host", "0", 0));
    assertThat(fixture.to("user.p1", IceCandidateFound.class))
        .contains(new IceCandidateFound("p1", "candidate:9 1 udp 1 10.0.0.1 5000 typ host", "0", 0));
  }

  @Test
  void aReceiveOfferBeforeTheSourcePublishesCreatesTheSourcesPublisherAndConnectsIt() {
    fixture.offers.handle(fixture.offer(sessionId, "p2", "p1", "recv-offer"));

    FakeEndpoint sourcePublisher = publisherOf("p1");
    FakeEndpoint receiver = receiverOf("p2", "p1");
    assertThat(sourcePublisher.remote()).as("p1 has not offered yet").isNull();
    assertThat(sourcePublisher.sinks()).containsExactly(receiver.id());
    assertThat(receiver.remote()).isEqualTo("recv-offer");
    assertThat(fixture.to("user.p2", Answer.class)).contains(new Answer("p1", "answer to recv-offer"));

    receiver.emit(new IceCandidate("candidate:r", "1", 1));
    assertThat(fixture.to("user.p2", IceCandidateFound.class)).contains(new IceCandidateFound("p1", "candidate:r", "1", 1));

    // p1's own offer later uses the publisher that was made for p2.
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "pub-offer"));
    assertThat(publisherOf("p1").id()).isEqualTo(sourcePublisher.id());
    assertThat(sourcePublisher.remote()).isEqualTo("pub-offer");
    assertThat(fixture.to("user.p1", Answer.class)).contains(new Answer("p1", "answer to pub-offer"));
  }

  @Test
  void aRedeliveredOfferGetsTheSameAnswerAndNoSecondEndpoint() {
    ProcessOffer offer = fixture.offer(sessionId, "p1", "p1", "offer-1");
    fixture.offers.handle(offer);
    FakeEndpoint publisher = publisherOf("p1");
    int endpoints = fixture.servers.server("a").endpoints().size();

    fixture.offers.handle(offer);


    assertThat(fixture.servers.server("a").endpoints()).hasSize(endpoints);
    assertThat(publisherOf("p1").id()).isEqualTo(publisher.id());
    assertThat(publisher.offersProcessed()).isEqualTo(1);
    assertThat(fixture.to("user.p1", Answer.class)).containsExactly(
        new Answer("p1", "answer to offer-1"), new Answer("p1", "answer to offer-1"));
    assertThat(publisher.listenerCount()).as("one relay per endpoint and instance").isEqualTo(1);
  }

  @Test
  void aDifferentOfferReplacesTheNegotiatedEndpoint() {
    fixture.offers.handle(fixture.offer(sessionId, "p2", "p1", "recv-offer"));
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "first"));
    FakeEndpoint old = publisherOf("p1");
    FakeEndpoint receiver = receiverOf("p2", "p1");

    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "after reconnect"));

    FakeEndpoint replacement = publisherOf("p1");
    assertThat(replacement.id()).isNotEqualTo(old.id());
    assertThat(old.released()).isTrue();
    assertThat(replacement.remote()).isEqualTo("after reconnect");
    assertThat(replacement.sinks()).as("the existing receiver is fed by the new publisher").contains(receiver.id());
    assertThat(fixture.to("user.p1", Answer.class)).endsWith(new Answer("p1", "answer to after reconnect"));
  }

  @Test
  void renegotiationsBeyondTheBudgetAreRefusedAndChangeNothing() {
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "offer-0"));
    int limit = fixture.budget.limit();
    for (int i = 1; i <= limit; i++) {
      fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "offer-" + i));
    }
    FakeEndpoint current = publisherOf("p1");

    assertThatThrownBy(() -> fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "one too many")))
        .isInstanceOfSatisfying(CommandRejectedException.class, e -> assertThat(e.code()).isEqualTo("REJOIN_LIMIT"));
    assertThat(publisherOf("p1").id()).as("the endpoint stays").isEqualTo(current.id());
    assertThat(current.released()).isFalse();
    assertThat(current.remote()).isEqualTo("offer-" + limit);

    // The other participant's budget is its own; a new endpoint (first offer) is no renegotiation.
    fixture.offers.handle(fixture.offer(sessionId, "p2", "p1", "recv"));
    fixture.offers.handle(fixture.offer(sessionId, "p2", "p1", "recv again"));

    fixture.clock.advance(java.time.Duration.ofSeconds(61));
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "a minute later"));
    assertThat(publisherOf("p1").remote()).isEqualTo("a minute later");
  }

  @Test
  void anUnknownTargetIsRejectedWithoutCreatingAnything() {
    int endpoints = fixture.servers.server("a").endpoints().size();

    assertThatThrownBy(() -> fixture.offers.handle(fixture.offer(sessionId, "p1", "nobody", "offer")))
        .isInstanceOfSatisfying(CommandRejectedException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_TARGET"));
    assertThat(fixture.servers.server("a").endpoints()).hasSize(endpoints);
  }

  @Test
  void anSdpTheMediaServerRefusesIsRejectedAsInvalid() {
    fixture.servers.server("a").setAnswerer(offer -> {
      throw FakeMediaServer.error(40201, "SDP_PARSE_ERROR");
    });

    assertThatThrownBy(() -> fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "garbage")))
        .isInstanceOfSatisfying(CommandRejectedException.class, e -> assertThat(e.code()).isEqualTo("INVALID_SDP"));

    // The endpoint stays, un-negotiated; a valid offer afterwards succeeds on it.
    fixture.servers.server("a").setAnswerer(offer -> "answer to " + offer);
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "valid"));
    assertThat(fixture.to("user.p1", Answer.class)).contains(new Answer("p1", "answer to valid"));
  }

  @Test
  void twoInstancesHandlingTheSameOfferStoreOneEndpointAndReleaseTheOther() throws Exception {
    ProcessOffer offer = fixture.offer(sessionId, "p1", "p1", "racy");
    List<Throwable> failures = race(4, () -> fixture.offers.handle(offer));

    assertThat(failures).isEmpty();
    FakeEndpoint stored = publisherOf("p1");
    List<FakeEndpoint> others = fixture.servers.server("a").endpoints().stream()
        .filter(e -> e.id().startsWith(pipelineId()) && !e.id().equals(stored.id()))
        .toList();
    assertThat(others).allMatch(FakeEndpoint::released);
    assertThat(stored.released()).isFalse();
    assertThat(stored.offersProcessed()).isEqualTo(1);
    assertThat(fixture.to("user.p1", Answer.class)).isNotEmpty().allMatch(a -> a.equals(new Answer("p1", "answer to racy")));
  }

  @Test
  void aPublishAndAReceiveRacingForTheSamePublisherShareOne() throws Exception {
    fixture.joins.handle(fixture.join(sessionId, "p3"));
    List<ProcessOffer> offers = List.of(
        fixture.offer(sessionId, "p1", "p1", "pub"),
        fixture.offer(sessionId, "p2", "p1", "recv-2"),
        fixture.offer(sessionId, "p3", "p1", "recv-3"));
    ExecutorService executor = Executors.newFixedThreadPool(offers.size());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (ProcessOffer offer : offers) {
      futures.add(executor.submit(() -> {
        start.await();
        fixture.offers.handle(offer);
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get();
    }
    executor.shutdown();

    FakeEndpoint publisher = publisherOf("p1");
    assertThat(publisher.remote()).isEqualTo("pub");
    assertThat(publisher.sinks()).contains(receiverOf("p2", "p1").id(), receiverOf("p3", "p1").id());
    long livePublishersOfP1 = fixture.servers.server("a").endpoints().stream()
        .filter(e -> e.id().startsWith(pipelineId()) && !e.released() && !e.sinks().isEmpty()).count();
    assertThat(livePublishersOfP1).isEqualTo(1);
  }

  private String pipelineId() {
    return fixture.store.findRecord(sessionId).orElseThrow().pipeline().id();
  }

  private ParticipantRecord participant(String participantId) {
    return fixture.store.findRecord(sessionId).orElseThrow().participant(participantId).orElseThrow();
  }

  private FakeEndpoint publisherOf(String participantId) {
    KurentoRef ref = participant(participantId).publisher();
    assertThat(ref).as("publisher of " + participantId).isNotNull();
    return fixture.servers.endpoint(ref.id());
  }

  private FakeEndpoint receiverOf(String participantId, String target) {
    ReceiverRecord receiver = participant(participantId).receivers().stream()
        .filter(r -> r.target().equals(target)).findFirst().orElseThrow();
    return fixture.servers.endpoint(receiver.endpoint().id());
  }

  private static List<Throwable> race(int threads, Runnable action) throws InterruptedException {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < threads; i++) {
      executor.submit(() -> {
        try {
          start.await();
          action.run();
        } catch (Throwable t) {
          failures.add(t);
        }
      });
    }
    start.countDown();
    executor.shutdown();
    executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    return failures;
  }
}
