package dev.switchboard.wrapper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.bus.ProcessOffer;
import dev.switchboard.contracts.messages.ConnectionFailed;
import dev.switchboard.contracts.messages.IceCandidateFound;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.wrapper.WrapperApplication;
import dev.switchboard.wrapper.command.CommandDispatcher;
import dev.switchboard.wrapper.command.JoinSessionHandler;
import dev.switchboard.wrapper.command.ProcessOfferHandler;
import dev.switchboard.wrapper.media.WatchedEndpoint;
import dev.switchboard.wrapper.session.SessionStore;
import dev.switchboard.wrapper.session.SubscriptionLedger;
import dev.switchboard.wrapper.session.SubscriptionTakeover;
import dev.switchboard.wrapper.testing.Broker;
import dev.switchboard.wrapper.testing.EmbeddedMongo;
import dev.switchboard.wrapper.testing.FakeEndpoint;
import dev.switchboard.wrapper.testing.WrapperTestConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kurento.client.ConnectionState;
import org.kurento.client.IceCandidate;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A wrapper instance dies after negotiating an endpoint: a second instance stops its heartbeat
 * (as a crashed or frozen process would) and its context is closed once the survivor has taken
 * over. The survivor (this test's primary context) then relays the endpoint's later events: an
 * ICE candidate and, after its grace, ConnectionFailed, which only a live scheduler can send.
 */
class WrapperDeathTest extends WrapperIntegrationTest {
  private static final Duration TAKEOVER_WAIT = Duration.ofSeconds(20);

  @Autowired
  private RabbitAdmin admin;
  @Autowired
  private RabbitTemplate template;
  @Autowired
  private CommandDispatcher dispatcher;
  @Autowired
  private SessionStore store;
  @Autowired
  private SubscriptionLedger ledger;
  @Autowired
  private MeterRegistry registry;
  @Autowired
  private JsonMapper json;

  @Test
  void theSurvivorTakesOverTheDeadInstancesEndpointsAndRelaysTheirLaterEvents() {
    Broker broker = new Broker(admin, template);
    String sessionId = "death-" + UUID.randomUUID().toString().substring(0, 8);
    String participantId = "p-" + sessionId;
    broker.declareSession(sessionId);
    broker.declareParticipant(sessionId, participantId);
    dispatcher.dispatch(new CreateSession("c-" + UUID.randomUUID(), sessionId, Instant.now()));
    await().atMost(TAKEOVER_WAIT).until(() -> store.exists(sessionId));

    ConfigurableApplicationContext dying = startDyingInstance();
    try {
      // The dying instance handles the join and the offer itself, so it is the endpoint's subscriber.
      dying.getBean(JoinSessionHandler.class).handle(
          new JoinSession("c-" + UUID.randomUUID(), sessionId, participantId, "Pat", Instant.now()));
      dying.getBean(ProcessOfferHandler.class).handle(
          new ProcessOffer("c-" + UUID.randomUUID(), sessionId, participantId, participantId, "offer", Instant.now()));
      String endpointId = store.findRecord(sessionId).orElseThrow().participant(participantId).orElseThrow()
          .publisher().id();
      WatchedEndpoint watched = new WatchedEndpoint(sessionId, participantId, participantId, endpointId);
      assertThat(dying.getBean(SubscriptionLedger.class).ownUnclaimed()).contains(watched);
      double takeoversBefore = registry.counter(SubscriptionTakeover.TAKEOVERS).count();

      long stoppedAt = System.nanoTime();
      dying.getBean(SubscriptionTakeover.class).stopHeartbeat();
      // The counter moves once the whole takeover is done, after the entry moved.
      await().atMost(TAKEOVER_WAIT).until(() -> ledger.ownUnclaimed().contains(watched)
          && registry.counter(SubscriptionTakeover.TAKEOVERS).count() > takeoversBefore);
      System.out.printf("taken over %d ms after the last heartbeat was stopped%n",
          (System.nanoTime() - stoppedAt) / 1_000_000);
      dying.close();

      FakeEndpoint endpoint = WrapperTestConfiguration.SERVERS.endpoint(endpointId);
      endpoint.emit(new IceCandidate("candidate:after-death 1 udp 1 10.0.0.9 9 typ host", "0", 0));
      endpoint.emitConnection(ConnectionState.CONNECTED);
      endpoint.emitConnection(ConnectionState.DISCONNECTED);
      List<ParticipantMessage> received = new ArrayList<>();
      long deadline = System.nanoTime() + TAKEOVER_WAIT.toNanos();
      while (received.stream().noneMatch(ConnectionFailed.class::isInstance) && System.nanoTime() < deadline) {
        Message next = template.receive(Topology.userQueue(participantId), 500);
        if (next != null) {
          received.add(json.readValue(next.getBody(), ParticipantMessage.class));
        }
      }
      assertThat(received).contains(
          new IceCandidateFound(participantId, "candidate:after-death 1 udp 1 10.0.0.9 9 typ host", "0", 0),
          new ConnectionFailed(participantId, "connection disconnected"));
    } finally {
      dying.close();
      broker.deleteQueue(Topology.userQueue(participantId));
    }
  }

  /** A second instance, started as TwoInstancesTest starts one, with its own instance id. */
  private static ConfigurableApplicationContext startDyingInstance() {
    WrapperTestConfiguration.SERVERS.server("ms1").setAnswerer(offer -> "answer to " + offer);
    WrapperTestConfiguration.SERVERS.server("ms2").setAnswerer(offer -> "answer to " + offer);
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.config.name", "no-such-file");
    properties.put("server.port", 0);
    properties.put("spring.rabbitmq.host", Broker.HOST);
    properties.put("spring.rabbitmq.port", Broker.PORT);
    properties.put("spring.mongodb.uri", EmbeddedMongo.shared().uri(DATABASE));
    properties.put("switchboard.wrapper.instance-id", "it-dying-" + UUID.randomUUID().toString().substring(0, 6));
    properties.put("switchboard.wrapper.media-servers[0].id", "ms1");
    properties.put("switchboard.wrapper.media-servers[0].uri", "ws://ms1.invalid:8888/kurento");
    properties.put("switchboard.wrapper.media-servers[1].id", "ms2");
    properties.put("switchboard.wrapper.media-servers[1].uri", "ws://ms2.invalid:8888/kurento");
    properties.put("switchboard.wrapper.change-stream-poll-interval", "50ms");
    return new SpringApplicationBuilder(WrapperApplication.class, WrapperTestConfiguration.class)
        .properties(properties).run();
  }
}
