package dev.switchboard.wrapper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.bus.AddIceCandidate;
import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.bus.LeaveSession;
import dev.switchboard.contracts.bus.ProcessOffer;
import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.contracts.messages.IceCandidateFound;
import dev.switchboard.contracts.messages.ParticipantJoined;
import dev.switchboard.contracts.messages.ParticipantLeft;
import dev.switchboard.contracts.messages.RequestFailed;
import dev.switchboard.contracts.messages.SessionClosed;
import dev.switchboard.contracts.rest.ParticipantView;
import dev.switchboard.wrapper.command.CommandDispatcher;
import dev.switchboard.wrapper.messaging.SessionQueueConsumers;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.session.SessionStore;
import dev.switchboard.wrapper.testing.Broker;
import dev.switchboard.wrapper.testing.FakeEndpoint;
import dev.switchboard.wrapper.testing.WrapperTestConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.IceCandidate;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One wrapper instance driven through RabbitMQ as the api drives it. */
class SessionOverRabbitMqTest extends WrapperIntegrationTest {
  private static final long WAIT_MILLIS = 10_000;

  @Autowired
  private RabbitAdmin admin;
  @Autowired
  private RabbitTemplate template;
  @Autowired
  private CommandDispatcher dispatcher;
  @Autowired
  private SessionQueueConsumers consumers;
  @Autowired
  private SessionStore store;
  @Autowired
  private MeterRegistry registry;
  @LocalServerPort
  private int port;

  private Broker broker;

  @BeforeEach
  void broker() {
    broker = new Broker(admin, template);
    WrapperTestConfiguration.SERVERS.server("ms1").setAnswerer(SessionOverRabbitMqTest::answer);
    WrapperTestConfiguration.SERVERS.server("ms2").setAnswerer(SessionOverRabbitMqTest::answer);
  }

  @Test
  void anInsertedSessionIsConsumedAndADeletedOneIsNot() {
    String sessionId = createSession();
    String queue = Topology.sessionQueue(sessionId);
    assertThat(consumers.isConsumingQueue(queue)).isTrue();

    // As another instance ending the session would: claim, then delete the document.
    store.claimIfEmpty(sessionId).orElseThrow();
    store.deleteClosing(sessionId);

    await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> !consumers.isConsumingQueue(queue));
    broker.deleteQueue(queue);
  }

  @Test
  void aCallFromTheFirstJoinToTheEndOfTheSession() {
    String sessionId = createSession();
    String queue = Topology.sessionQueue(sessionId);
    String p1 = "p1-" + shortId();
    String p2 = "p2-" + shortId();

    join(sessionId, p1);
    assertThat(broker.next(p1, WAIT_MILLIS)).isEqualTo(new ExistingParticipants(List.of()));
    assertThat(broker.next(p1, WAIT_MILLIS)).isEqualTo(new ParticipantJoined(p1, "name of " + p1));
    join(sessionId, p2);
    assertThat(broker.next(p2, WAIT_MILLIS)).isEqualTo(new ExistingParticipants(List.of(new ParticipantView(p1, "name of " + p1))));
    assertThat(broker.next(p2, WAIT_MILLIS)).isEqualTo(new ParticipantJoined(p2, "name of " + p2));
    assertThat(broker.next(p1, WAIT_MILLIS)).isEqualTo(new ParticipantJoined(p2, "name of " + p2));

    // p2 sends a candidate for its receiver of p1 before the offer, then the offer.
    broker.send(queue, new AddIceCandidate(commandId(), sessionId, p2, p1, "candidate:early", "0", 0, Instant.now()));
    broker.send(queue, new ProcessOffer(commandId(), sessionId, p2, p1, "recv-offer", Instant.now()));
    Message raw = broker.nextRaw(Topology.userQueue(p2), WAIT_MILLIS);
    assertThat(raw.getMessageProperties().getContentType()).isEqualTo("application/json");
    assertThat(raw.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
    assertThat(new String(raw.getBody())).contains("\"type\":\"answer\"");

    SessionRecord session = store.findRecord(sessionId).orElseThrow();
    FakeEndpoint receiver = WrapperTestConfiguration.SERVERS.endpoint(
        session.participant(p2).orElseThrow().receivers().getFirst().endpoint().id());
    assertThat(receiver.remote()).isEqualTo("recv-offer");
    // Candidate and offer may be handled at once by two consumers: applied at least once (twice is harmless).
    await().atMost(Duration.ofMillis(WAIT_MILLIS)).untilAsserted(() -> {
      assertThat(receiver.candidates()).extracting(IceCandidate::getCandidate).contains("candidate:early");
      assertThat(store.findRecord(sessionId).orElseThrow().participant(p2).orElseThrow().pendingCandidates()).isEmpty();
    });
    receiver.emit(new IceCandidate("candidate:from-server", "0", 0));
    assertThat(broker.next(p2, WAIT_MILLIS)).isEqualTo(new IceCandidateFound(p1, "candidate:from-server", "0", 0));

    broker.send(queue, new ProcessOffer(commandId(), sessionId, p1, p1, "pub-offer", Instant.now()));
    assertThat(broker.next(p1, WAIT_MILLIS)).isEqualTo(new Answer(p1, "answer to pub-offer"));

    String pipeline = session.pipeline().id();
    broker.send(queue, new LeaveSession(commandId(), sessionId, p1, Instant.now()));
    assertThat(broker.next(p2, WAIT_MILLIS)).isEqualTo(new ParticipantLeft(p1));
    broker.send(queue, new LeaveSession(commandId(), sessionId, p2, Instant.now()));
    assertThat(broker.next(p2, WAIT_MILLIS)).isEqualTo(new ParticipantLeft(p2));
    assertThat(broker.next(p2, WAIT_MILLIS)).isEqualTo(new SessionClosed(sessionId, "last participant left"));

    assertThat(store.exists(sessionId)).isFalse();
    assertThat(WrapperTestConfiguration.SERVERS.server(session.mediaServer()).released()).contains(pipeline);
    await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> !consumers.isConsumingQueue(queue));
    await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> !broker.queueExists(queue));
    broker.deleteQueue(Topology.userQueue(p1));
    broker.deleteQueue(Topology.userQueue(p2));
  }

  @Test
  void aCommandThatKeepsFailingIsDeadLetteredAndTheParticipantIsTold() {
    String sessionId = createSession();
    String p1 = "p1-" + shortId();
    join(sessionId, p1);
    broker.next(p1, WAIT_MILLIS);
    broker.next(p1, WAIT_MILLIS);
    String deadLetters = deadLetterTap();
    double retriedBefore = registry.counter("switchboard.wrapper.commands", "type", "processOffer", "outcome", "retried", "code", "RETRY").count();

    String commandId = commandId();
    broker.send(Topology.sessionQueue(sessionId), new ProcessOffer(commandId, sessionId, p1, p1, "explode", Instant.now()));

    assertThat(broker.next(p1, WAIT_MILLIS)).isEqualTo(new RequestFailed("processOffer " + commandId, "COMMAND_FAILED",
        "The request failed 3 times; it was set aside for an operator"));
    Message dead = nextWithId(deadLetters, commandId);
    assertThat(dead.getMessageProperties().getHeaders()).containsEntry(Topology.ATTEMPT_HEADER, 3);
    assertThat(registry.counter("switchboard.wrapper.commands", "type", "processOffer", "outcome", "retried", "code", "RETRY").count() - retriedBefore)
        .isEqualTo(2);
    broker.deleteQueue(Topology.userQueue(p1));
  }

  @Test
  void aMalformedCommandGoesStraightToTheDeadLetterQueue() {
    String sessionId = createSession();
    String deadLetters = deadLetterTap();
    String messageId = "malformed-" + shortId();

    broker.sendText(Topology.sessionQueue(sessionId), messageId, "{\"type\":\"joinSession\", oops");

    Message dead = nextWithId(deadLetters, messageId);
    assertThat(new String(dead.getBody())).contains("oops");
    assertThat(dead.getMessageProperties().getHeaders()).doesNotContainKey(Topology.ATTEMPT_HEADER);
  }

  @Test
  void healthAndPrometheusAreServed() throws Exception {
    createSession();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> prometheus = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("\"UP\"");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("switchboard_wrapper_media_servers_connected")
        .contains("switchboard_wrapper_commands_total{code=\"OK\",outcome=\"handled\"");
  }

  /** CreateSession as the wrapper queue's consumer runs it (that shared queue is left to the api's tests). */
  private String createSession() {
    String sessionId = "it-" + shortId();
    broker.declareSession(sessionId);
    dispatcher.dispatch(new CreateSession(commandId(), sessionId, Instant.now()));
    await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> consumers.isConsumingQueue(Topology.sessionQueue(sessionId)));
    return sessionId;
  }

  private void join(String sessionId, String participantId) {
    broker.declareParticipant(sessionId, participantId);
    broker.send(Topology.sessionQueue(sessionId),
        new JoinSession(commandId(), sessionId, participantId, "name of " + participantId, Instant.now()));
  }

  /** A private queue bound to the dead-letter exchange: sees every dead letter, takes none from the real queue. */
  private String deadLetterTap() {
    Queue tap = admin.declareQueue();
    admin.declareBinding(new Binding(tap.getName(), Binding.DestinationType.QUEUE, Topology.DEAD_LETTER_EXCHANGE, "", null));
    return tap.getName();
  }

  private Message nextWithId(String queue, String messageId) {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      Message message = template.receive(queue, 500);
      if (message != null && messageId.equals(message.getMessageProperties().getMessageId())) {
        return message;
      }
    }
    throw new AssertionError("No dead letter " + messageId + " within " + WAIT_MILLIS + " ms");
  }

  private static String answer(String offer) {
    if (offer.startsWith("explode")) {
      throw new IllegalStateException("the media server choked");
    }
    return "answer to " + offer;
  }

  private static String commandId() {
    return "c-" + UUID.randomUUID();
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
