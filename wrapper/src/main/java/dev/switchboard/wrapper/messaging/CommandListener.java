package dev.switchboard.wrapper.messaging;

import com.rabbitmq.client.Channel;
import dev.switchboard.contracts.bus.Command;
import dev.switchboard.wrapper.command.CommandDispatcher;
import dev.switchboard.wrapper.command.CommandNames;
import dev.switchboard.wrapper.command.CommandReader;
import dev.switchboard.wrapper.command.MalformedCommandException;
import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.logging.LogContext;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.stereotype.Component;

/**
 * Receives commands from the {@code wrapper} queue and every session queue, and applies the
 * delivery rules: ack once handled, bounded retries, then the dead-letter queue. Called
 * concurrently by the listener containers' consumers; holds no state of its own.
 *
 * <p>Acknowledgement is manual so that each outcome is explicit: ack after the handler (or the
 * retry copy) succeeded; reject without requeue to dead-letter (RabbitMQ routes it through the
 * queue's {@code x-dead-letter-exchange}); requeue only when something unexpected broke here.
 */
@Component
public class CommandListener implements ChannelAwareMessageListener {
  private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

  /** What becomes of a delivery. */
  enum Outcome { ACK, DEAD_LETTER, REQUEUE }

  private final CommandReader reader;
  private final CommandDispatcher dispatcher;
  private final CommandRetries retries;
  private final WrapperProperties properties;

  public CommandListener(CommandReader reader, CommandDispatcher dispatcher, CommandRetries retries,
      WrapperProperties properties) {
    this.reader = reader;
    this.dispatcher = dispatcher;
    this.retries = retries;
    this.properties = properties;
  }

  @Override
  public void onMessage(Message message, Channel channel) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    switch (process(message)) {
      case ACK -> channel.basicAck(tag, false);
      case DEAD_LETTER -> channel.basicReject(tag, false);
      case REQUEUE -> channel.basicNack(tag, false, true);
    }
  }

  Outcome process(Message message) {
    Command command;
    try {
      command = reader.read(message.getBody());
    } catch (MalformedCommandException malformed) {
      log.error("Dead-lettering a malformed message from queue {} (messageId {}): {}",
          message.getMessageProperties().getConsumerQueue(), message.getMessageProperties().getMessageId(),
          malformed.getMessage());
      dispatcher.malformed(malformed);
      return Outcome.DEAD_LETTER;
    }
    try (LogContext _ = LogContext.of(command)) {
      try {
        dispatcher.dispatch(command);
        return Outcome.ACK;
      } catch (RuntimeException failure) {
        return retryOrGiveUp(message, command, failure);
      }
    }
  }

  private Outcome retryOrGiveUp(Message message, Command command, RuntimeException failure) {
    int attempt = CommandRetries.attemptOf(message);
    int allowed = properties.commandAttempts();
    if (attempt < allowed) {
      log.warn("{} failed on attempt {} of {}, retrying: {}", CommandNames.request(command), attempt, allowed,
          failure.toString());
      log.debug("Failure of {}", CommandNames.request(command), failure);
      pause(properties.commandRetryBackoff().toMillis() * attempt);
      try {
        retries.republish(message, attempt + 1);
      } catch (RuntimeException e) {
        // The copy did not make it: put the original back instead (same attempt number).
        log.warn("Could not queue the retry of {}, requeueing it: {}", CommandNames.request(command), e.toString());
        return Outcome.REQUEUE;
      }
      dispatcher.retrying(command);
      return Outcome.ACK;
    }
    log.error("{} failed on all {} attempts, dead-lettering it", CommandNames.request(command), allowed, failure);
    dispatcher.giveUp(command, attempt, failure);
    return Outcome.DEAD_LETTER;
  }

  /** A short pause before the retry lets a passing fault (a reconnecting server) clear. */
  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
