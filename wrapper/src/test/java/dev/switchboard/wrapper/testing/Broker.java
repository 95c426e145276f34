package dev.switchboard.wrapper.testing;

import static org.assertj.core.api.Assertions.fail;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.messages.ParticipantMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the api's part on the real RabbitMQ (declares session and user queues, sends commands)
 * and reads what the wrapper sent to participants.
 */
public final class Broker {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5672;

  private final RabbitAdmin admin;
  private final RabbitTemplate template;
  private final JsonMapper json = JsonMapper.builder().build();

  public Broker(RabbitAdmin admin, RabbitTemplate template) {
    this.admin = admin;
    this.template = template;
  }

  /** Fails (never skips) the test when the broker is not there. */
  public static void requireRabbit() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(HOST);
    factory.setPort(PORT);
    factory.setConnectionTimeout(3000);
    try (Connection connection = factory.newConnection("wrapper-test-probe")) {
      connection.isOpen();
    } catch (Exception e) {
      fail("These tests need RabbitMQ at " + HOST + ":" + PORT + " (guest/guest): " + e);
    }
  }

  /** What the api does on POST /api/sessions before sending CreateSession. */
  public void declareSession(String sessionId) {
    admin.declareQueue(new Queue(Topology.sessionQueue(sessionId), true, false, false,
        new HashMap<>(Topology.sessionQueueArguments())));
    admin.declareExchange(new FanoutExchange(Topology.sessionExchange(sessionId), true, false));
  }

  /** What the api does on a join before sending JoinSession. */
  public void declareParticipant(String sessionId, String participantId) {
    String queue = Topology.userQueue(participantId);
    admin.declareQueue(new Queue(queue, true, false, false, new HashMap<>(Topology.userQueueArguments())));
    admin.declareBinding(new Binding(queue, Binding.DestinationType.QUEUE, Topology.sessionExchange(sessionId), "", null));
  }

  public void send(String queue, Command command) {
    send(queue, command.commandId(), json.writerFor(Command.class).writeValueAsBytes(command));
  }

  public void send(String queue, String messageId, byte[] body) {
    MessageProperties properties = new MessageProperties();
    properties.setMessageId(messageId);
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    template.send("", queue, new Message(body, properties));
  }

  public void sendText(String queue, String messageId, String text) {
    send(queue, messageId, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The next message for a participant, or fails after {@code millis}. */
  public ParticipantMessage next(String participantId, long millis) {
    Message message = nextRaw(Topology.userQueue(participantId), millis);
    return json.readValue(message.getBody(), ParticipantMessage.class);
  }

  public Message nextRaw(String queue, long millis) {
    Message message = template.receive(queue, millis);
    if (message == null) {
      fail("Nothing arrived in " + queue + " within " + millis + " ms");
    }
    return message;
  }

  public boolean queueExists(String queue) {
    return admin.getQueueProperties(queue) != null;
  }

  public RabbitAdmin admin() {
    return admin;
  }

  public void deleteQueue(String queue) {
    admin.deleteQueue(queue);
  }
}
