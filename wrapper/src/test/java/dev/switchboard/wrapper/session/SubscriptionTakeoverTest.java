package dev.switchboard.wrapper.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import dev.switchboard.contracts.messages.ConnectionFailed;
import dev.switchboard.contracts.messages.IceCandidateFound;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.media.ConnectionLossWatch;
import dev.switchboard.wrapper.media.EndpointSubscriptions;
import dev.switchboard.wrapper.media.WatchedEndpoint;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import dev.switchboard.wrapper.testing.FakeEndpoint;
import dev.switchboard.wrapper.testing.HandlerFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kurento.client.ConnectionState;
import org.kurento.client.IceCandidate;
import org.springframework.scheduling.TaskScheduler;

/**
 * Two wrapper instances on one MongoDB: the fixture's handlers are instance "test", which
 * negotiates endpoints and then stops beating; a second instance finds it dead, claims its
 * document, subscribes to its endpoints and relays their later events. Also a restart under the
 * same instance id.
 */
class SubscriptionTakeoverTest {
  private static final HandlerFixture fixture = new HandlerFixture();

  @AfterAll
  static void close() {
    fixture.close();
  }

  /** One more instance's takeover machinery, recording what it sends. */
  private static final class Instance {
    final List<Map.Entry<String, ParticipantMessage>> sent = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final SubscriptionLedger ledger;
    final ConnectionLossWatch watch;
    final EndpointSubscriptions subscriptions;
    final SubscriptionTakeover takeover;

    Instance(String instanceId) {
      ParticipantPublisher publisher = mock(ParticipantPublisher.class);
      doAnswer(invocation -> sent.add(Map.entry(invocation.getArgument(0), invocation.getArgument(1))))
          .when(publisher).toParticipant(anyString(), any());
      WrapperProperties properties = fixture.servers.properties(instanceId);
      ledger = new SubscriptionLedger(fixture.template, fixture.clock, properties);
      watch = new ConnectionLossWatch(publisher, fixture.clock, properties);
      subscriptions = new EndpointSubscriptions(publisher, watch, ledger);
      takeover = new SubscriptionTakeover(ledger, fixture.store, subscriptions, mock(TaskScheduler.class),
          fixture.clock, registry, properties);
    }

    List<ParticipantMessage> to(String participantId) {
      return sent.stream().filter(e -> e.getKey().equals(participantId)).map(Map.Entry::getValue).toList();
    }
  }

  @Test
  void aSurvivorTakesOverTheSubscriptionsOfADeadInstance() {
    String sessionId = fixture.newSession("a");
    fixture.joins.handle(fixture.join(sessionId, "p1"));
    fixture.joins.handle(fixture.join(sessionId, "p2"));
    fixture.offers.handle(fixture.offer(sessionId, "p1", "p1", "pub"));
    fixture.offers.handle(fixture.offer(sessionId, "p2", "p1", "recv"));
    FakeEndpoint publisher = endpoint(sessionId, "p1", "p1");
    FakeEndpoint receiver = endpoint(sessionId, "p2", "p1");
    fixture.ledger.heartbeat();
    // Other tests of this class may have left entries of theirs (sessions still alive) too.
    int recorded = fixture.ledger.ownUnclaimed().size();
    assertThat(recorded).isGreaterThanOrEqualTo(2);
    Instance survivor = new Instance("survivor-" + UUID.randomUUID());
    survivor.takeover.heartbeat();

    fixture.clock.advance(Duration.ofSeconds(3));
    survivor.takeover.heartbeat();
    assertThat(survivor.takeover.scan()).as("the first instance is only 3 s silent").isZero();

    fixture.clock.advance(Duration.ofSeconds(3));
    survivor.takeover.heartbeat();
    Instance third = new Instance("third-" + UUID.randomUUID());
    third.takeover.heartbeat();
    assertThat(survivor.takeover.scan()).as("6 s silent: dead").isEqualTo(1);
    assertThat(third.takeover.scan()).as("already claimed and moved").isZero();
    assertThat(survivor.registry.counter(SubscriptionTakeover.TAKEOVERS).count()).isEqualTo(1);
    assertThat(survivor.registry.counter(SubscriptionTakeover.TAKEOVER_ENDPOINTS).count()).isEqualTo(recorded);
    assertThat(survivor.ledger.ownUnclaimed()).hasSize(recorded).contains(
        new WatchedEndpoint(sessionId, "p1", "p1", publisher.id()),
        new WatchedEndpoint(sessionId, "p2", "p1", receiver.id()));
    assertThat(fixture.ledger.ownUnclaimed()).as("the dead instance's document is gone").isEmpty();

    receiver.emit(new IceCandidate("candidate:late", "0", 0));
    assertThat(survivor.to("p2")).contains(new IceCandidateFound("p1", "candidate:late", "0", 0));

    publisher.emitConnection(ConnectionState.DISCONNECTED);
    fixture.clock.advance(fixture.servers.properties().connectionLossGrace());
    survivor.watch.sweep();
    assertThat(survivor.to("p1")).contains(new ConnectionFailed("p1", "connection disconnected"));
  }

  @Test
  void aRestartWithTheSameIdSubscribesAgainToWhatItRecorded() {
    String sessionId = fixture.newSession("a");
    fixture.joins.handle(fixture.join(sessionId, "r1"));
    fixture.offers.handle(fixture.offer(sessionId, "r1", "r1", "pub"));
    FakeEndpoint publisher = endpoint(sessionId, "r1", "r1");
    int listenersBefore = publisher.listenerCount();

    Instance restarted = new Instance(fixture.ledger.instanceId());
    restarted.takeover.start();

    assertThat(publisher.listenerCount()).isEqualTo(listenersBefore + 1);
    publisher.emit(new IceCandidate("candidate:after-restart", "0", 0));
    assertThat(restarted.to("r1")).contains(new IceCandidateFound("r1", "candidate:after-restart", "0", 0));
  }

  private static FakeEndpoint endpoint(String sessionId, String participantId, String target) {
    LiveParticipant participant = fixture.store.findLive(sessionId).orElseThrow().participant(participantId).orElseThrow();
    return fixture.servers.endpoint(participant.endpointFor(target).getId());
  }
}
