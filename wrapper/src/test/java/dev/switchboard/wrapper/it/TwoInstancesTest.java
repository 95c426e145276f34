package dev.switchboard.wrapper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.bus.ProcessOffer;
import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.wrapper.WrapperApplication;
import dev.switchboard.wrapper.command.CommandDispatcher;
import dev.switchboard.wrapper.messaging.SessionQueueConsumers;
import dev.switchboard.wrapper.session.SessionStore;
import dev.switchboard.wrapper.testing.Broker;
import dev.switchboard.wrapper.testing.EmbeddedMongo;
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
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second wrapper instance started in the same JVM, as the multi-instance integration test
 * will: both consume the session's queue, the commands spread over both, and the state stays
 * consistent.
 */
class TwoInstancesTest extends WrapperIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

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

  @Test
  void twoInstancesShareASessionsCommands() {
    Broker broker = new Broker(admin, template);
    try (ConfigurableApplicationContext second = startSecondInstance()) {
      SessionQueueConsumers secondConsumers = second.getBean(SessionQueueConsumers.class);
      MeterRegistry secondRegistry = second.getBean(MeterRegistry.class);
      double firstBefore = joinsHandled(registry);
      double secondBefore = joinsHandled(secondRegistry);

      String sessionId = "two-" + UUID.randomUUID().toString().substring(0, 8);
      broker.declareSession(sessionId);
      dispatcher.dispatch(new CreateSession("c-" + UUID.randomUUID(), sessionId, Instant.now()));
      String queue = Topology.sessionQueue(sessionId);
      await().atMost(WAIT).until(() -> consumers.isConsumingQueue(queue) && secondConsumers.isConsumingQueue(queue));

      int participants = 24;
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < participants; i++) {
        String participantId = "m" + i + "-" + sessionId;
        ids.add(participantId);
        broker.declareParticipant(sessionId, participantId);
        broker.send(queue, new JoinSession("c-" + UUID.randomUUID(), sessionId, participantId, "n" + i, Instant.now()));
      }
      await().atMost(WAIT).until(() -> store.findRecord(sessionId).orElseThrow().participants().size() == participants);
      assertThat(joinsHandled(registry) - firstBefore).as("joins handled by the first instance").isPositive();
      assertThat(joinsHandled(secondRegistry) - secondBefore).as("joins handled by the second instance").isPositive();

      // Every participant publishes; whichever instance answers, each gets its own answer.
      for (String participantId : ids) {
        broker.send(queue, new ProcessOffer("c-" + UUID.randomUUID(), sessionId, participantId, participantId,
            "offer of " + participantId, Instant.now()));
      }
      for (String participantId : ids) {
        assertThat(answerFor(broker, participantId)).isEqualTo(new Answer(participantId, "answer to offer of " + participantId));
        broker.deleteQueue(Topology.userQueue(participantId));
      }
      assertThat(store.findRecord(sessionId).orElseThrow().participants())
          .allSatisfy(p -> assertThat(p.publisher()).isNotNull());
    }
  }

  private static ParticipantMessage answerFor(Broker broker, String participantId) {
    long deadline = System.currentTimeMillis() + WAIT.toMillis();
    while (System.currentTimeMillis() < deadline) {
      ParticipantMessage message = broker.next(participantId, WAIT.toMillis());
      if (message instanceof Answer) {
        return message;
      }
    }
    throw new AssertionError("No answer for " + participantId);
  }

  private static double joinsHandled(MeterRegistry registry) {
    return registry.counter("switchboard.wrapper.commands", "type", "joinSession", "outcome", "handled", "code", "OK").count();
  }

  /**
   * Started as the multi-instance test in module local does: defaults only, and a config name
   * that matches no file, so no application.yaml is read at all; publisher confirms and virtual
   * threads must then come from wrapper-defaults.properties (the answers below need the confirms).
   */
  private static ConfigurableApplicationContext startSecondInstance() {
    WrapperTestConfiguration.SERVERS.server("ms1").setAnswerer(offer -> "answer to " + offer);
    WrapperTestConfiguration.SERVERS.server("ms2").setAnswerer(offer -> "answer to " + offer);
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.config.name", "no-such-file");
    properties.put("server.port", 0);
    properties.put("spring.rabbitmq.host", Broker.HOST);
    properties.put("spring.rabbitmq.port", Broker.PORT);
    properties.put("spring.mongodb.uri", EmbeddedMongo.shared().uri(DATABASE));
    properties.put("switchboard.wrapper.instance-id", "it-second");
    properties.put("switchboard.wrapper.media-servers[0].id", "ms1");
    properties.put("switchboard.wrapper.media-servers[0].uri", "ws://ms1.invalid:8888/kurento");
    properties.put("switchboard.wrapper.media-servers[1].id", "ms2");
    properties.put("switchboard.wrapper.media-servers[1].uri", "ws://ms2.invalid:8888/kurento");
    properties.put("switchboard.wrapper.change-stream-poll-interval", "50ms");
    ConfigurableApplicationContext context = new SpringApplicationBuilder(WrapperApplication.class,
        WrapperTestConfiguration.class).properties(properties).run();
    assertThat(context.getEnvironment().getProperty("spring.rabbitmq.publisher-confirm-type")).isEqualTo("simple");
    assertThat(context.getEnvironment().getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
    return context;
  }
}
