package dev.switchboard.wrapper.messaging;

import dev.switchboard.contracts.Topology;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts a command's attempts in the {@link Topology#ATTEMPT_HEADER} header and puts a failed
 * command back at the end of its queue with the count raised; thread-safe.
 *
 * <p>Republishing (rather than a requeue) lets the next attempt go to any instance and carries
 * the count, which a requeue would lose; the copy is confirmed before the original is acked.
 */
@Component
public class CommandRetries {
  private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

  private final RabbitTemplate rabbit;

  public CommandRetries(RabbitTemplate rabbit) {
    this.rabbit = rabbit;
  }

  /** This delivery's attempt number, 1 for a command that has not failed before. */
  public static int attemptOf(Message message) {
    Object header = message.getMessageProperties().getHeaders().get(Topology.ATTEMPT_HEADER);
    if (header instanceof Number number) {
      return Math.max(1, number.intValue());
    }
    if (header != null) {
      try {
        return Math.max(1, Integer.parseInt(header.toString()));
      } catch (NumberFormatException e) {
        return 1;
      }
    }
    return 1;
  }

  /** Publishes a copy of {@code message} with attempt {@code nextAttempt} to the queue it came from. */
  public void republish(Message message, int nextAttempt) {
    MessageProperties received = message.getMessageProperties();
    MessageProperties properties = new MessageProperties();
    properties.setContentType(received.getContentType());
    properties.setContentEncoding(received.getContentEncoding());
    properties.setMessageId(received.getMessageId());
    properties.setTimestamp(received.getTimestamp());
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    received.getHeaders().forEach(properties::setHeader);
    properties.setHeader(Topology.ATTEMPT_HEADER, nextAttempt);
    Message copy = new Message(message.getBody(), properties);
    String queue = received.getConsumerQueue();
    rabbit.invoke(operations -> {
      operations.send("", queue, copy);
      operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
      return null;
    });
  }
}
