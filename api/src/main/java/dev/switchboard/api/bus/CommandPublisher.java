package dev.switchboard.api.bus;

import dev.switchboard.api.config.ApiProperties;
import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.bus.JoinSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Date;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a command to a queue through the default exchange and waits for the broker's
 * confirm, so a 2xx answer means the command is safely in the queue; thread-safe (the template
 * and its confirm channels are shared). Mandatory publishing tells a missing queue apart.
 */
@Component
public class CommandPublisher {
  private static final Logger log = LoggerFactory.getLogger(CommandPublisher.class);
  private static final String DEFAULT_EXCHANGE = "";
  public static final String JOINS = "switchboard.api.joins";

  /** What became of a confirmed command. */
  public enum Outcome {
    /** In the queue. */
    QUEUED,
    /** No such queue: the broker returned the message and nothing was enqueued. */
    NO_QUEUE
  }

  private final RabbitTemplate rabbit;
  private final BusJson json;
  private final ApiProperties properties;
  private final MeterRegistry meters;
  private final Counter joins;

  public CommandPublisher(RabbitTemplate rabbit, BusJson json, ApiProperties properties, MeterRegistry meters) {
    this.rabbit = rabbit;
    this.json = json;
    this.properties = properties;
    this.meters = meters;
    this.joins = Counter.builder(JOINS).description("Joins accepted: join commands the broker confirmed")
        .register(meters);
  }

  /** Publishes {@code command} to {@code queue}; throws 503 BROKER_UNAVAILABLE unless the broker confirmed it. */
  public Outcome publish(String queue, Command command) {
    Timer.Sample sample = Timer.start(meters);
    String outcome = "failed";
    try {
      Outcome result = send(queue, command);
      outcome = result == Outcome.QUEUED ? "queued" : "no_queue";
      if (result == Outcome.QUEUED && command instanceof JoinSession) {
        joins.increment();
      }
      return result;
    } finally {
      sample.stop(meters.timer("switchboard.api.commands", "type", typeOf(command), "outcome", outcome));
    }
  }

  private Outcome send(String queue, Command command) {
    MessageProperties headers = new MessageProperties();
    headers.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    headers.setContentEncoding("UTF-8");
    headers.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    headers.setMessageId(command.commandId());
    headers.setTimestamp(Date.from(command.issuedAt()));
    Message message = new Message(json.write(command), headers);
    // The command id is unique, so it also correlates the confirm and a possible return.
    CorrelationData correlation = new CorrelationData(command.commandId());
    rabbit.send(DEFAULT_EXCHANGE, queue, message, correlation);
    CorrelationData.Confirm confirm = awaitConfirm(correlation, command);
    if (!confirm.ack()) {
      log.warn("RabbitMQ refused {} {}: {}", typeOf(command), command.commandId(), confirm.reason());
      throw unavailable();
    }
    // A return always arrives before its confirm, so it is known by now.
    return correlation.getReturned() == null ? Outcome.QUEUED : Outcome.NO_QUEUE;
  }

  private CorrelationData.Confirm awaitConfirm(CorrelationData correlation, Command command) {
    try {
      return correlation.getFuture().get(properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("No confirm for {} {} within {}", typeOf(command), command.commandId(), properties.confirmTimeout());
      throw unavailable();
    } catch (ExecutionException e) {
      throw new ApiException(ErrorCode.BROKER_UNAVAILABLE, "The message broker is unavailable; try again", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable();
    }
  }

  private static ApiException unavailable() {
    return new ApiException(ErrorCode.BROKER_UNAVAILABLE, "The message broker did not take the request; try again");
  }

  private static String typeOf(Command command) {
    String name = command.getClass().getSimpleName();
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
