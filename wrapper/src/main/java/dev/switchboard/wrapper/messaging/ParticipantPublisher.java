package dev.switchboard.wrapper.messaging;

import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.messages.ParticipantMessage;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.stereotype.Component;

/**
 * Sends {@link ParticipantMessage}s: to one participant through its queue, or to everyone in a
 * session through the session's fanout exchange; thread-safe.
 *
 * <p>Each send waits for the broker's confirm, so a command is acknowledged only after what it
 * produced is safely in RabbitMQ (a publish to a missing exchange fails here instead of being
 * dropped silently). Messages carry no sequence number: the api numbers them at poll time.
 */
@Component
public class ParticipantPublisher {
  private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

  private final RabbitTemplate rabbit;
  private final ObjectWriter writer;

  public ParticipantPublisher(RabbitTemplate rabbit, JsonMapper json) {
    this.rabbit = rabbit;
    this.writer = json.writerFor(ParticipantMessage.class);
  }

  /** To one participant: the default exchange routes to the queue {@code user.{pid}}. */
  public void toParticipant(String participantId, ParticipantMessage message) {
    publish("", Topology.userQueue(participantId), message);
  }

  /** To everyone in the session (each user queue is bound to the session's fanout exchange). */
  public void toSession(String sessionId, ParticipantMessage message) {
    publish(Topology.sessionExchange(sessionId), "", message);
  }

  private void publish(String exchange, String routingKey, ParticipantMessage message) {
    MessageProperties properties = new MessageProperties();
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    properties.setMessageId(UUID.randomUUID().toString());
    Message amqp = new Message(writer.writeValueAsBytes(message), properties);
    rabbit.invoke(operations -> {
      operations.send(exchange, routingKey, amqp);
      operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
      return null;
    });
  }
}
