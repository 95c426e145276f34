package dev.switchboard.api.bus;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitUtils;
import org.springframework.stereotype.Component;

/**
 * Tells whether a queue exists, by a passive declare on a throwaway channel (the broker closes a
 * channel whose passive declare fails); thread-safe, one channel per call.
 */
@Component
public class QueueProbe {
  private final ConnectionFactory connectionFactory;

  public QueueProbe(ConnectionFactory connectionFactory) {
    this.connectionFactory = connectionFactory;
  }

  public boolean exists(String queue) {
    Channel channel = connectionFactory.createConnection().createChannel(false);
    try {
      channel.queueDeclarePassive(queue);
      return true;
    } catch (IOException e) {
      if (isNotFound(e)) {
        return false;
      }
      throw new AmqpIOException(e);
    } finally {
      RabbitUtils.closeChannel(channel);
    }
  }

  /** Whether a passive declare failed because the queue does not exist (reply 404), not for another reason. */
  public static boolean isNotFound(IOException e) {
    return e.getCause() instanceof ShutdownSignalException signal && RabbitUtils.isPassiveDeclarationChannelClose(signal);
  }
}
