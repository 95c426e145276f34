package dev.switchboard.wrapper.webhooks;

import dev.switchboard.contracts.webhooks.WebhookEvent;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues webhook events in {@code switchboard.webhooks} (durable queue, persistent message,
 * publisher confirm awaited), where a dispatcher of any instance POSTs them; thread-safe. With
 * webhooks off (no url) it does nothing.
 *
 * <p>Like {@code ParticipantPublisher}, {@link #emit} throws when the broker does not confirm, so a
 * command is acknowledged only after its event is safely queued, and is retried otherwise (with
 * the same event id: {@link WebhookEvents}). Paths that have no retry of their own use
 * {@link #tryEmit}. The cost on the command path is one confirmed publish (about a millisecond on
 * a local broker).
 */
@Component
public class WebhookEmitter {
  private static final Logger log = LoggerFactory.getLogger(WebhookEmitter.class);
  private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

  private final RabbitTemplate rabbit;
  private final ObjectWriter writer;
  private final WebhookProperties properties;
  private final WebhookMetrics metrics;

  public WebhookEmitter(RabbitTemplate rabbit, JsonMapper json, WebhookProperties properties, WebhookMetrics metrics) {
    this.rabbit = rabbit;
    this.writer = json.writerFor(WebhookEvent.class);
    this.properties = properties;
    this.metrics = metrics;
  }

  /** Whether events are emitted at all (a url is configured). */
  public boolean enabled() {
    return properties.enabled();
  }

  /** Queues {@code event}; throws (an AmqpException) when the broker did not take it. */
  public void emit(WebhookEvent event) {
    if (!enabled()) {
      return;
    }
    MessageProperties amqp = new MessageProperties();
    amqp.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    amqp.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    // The dispatcher reads id and type from here and POSTs the body as it is, without parsing it.
    amqp.setMessageId(event.id().toString());
    amqp.setType(event.eventType());
    amqp.setTimestamp(Date.from(event.occurredAt()));
    Message message = new Message(writer.writeValueAsBytes(event), amqp);
    try {
      rabbit.invoke(operations -> {
        operations.send("", WebhookTopology.QUEUE, message);
        operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
        return null;
      });
    } catch (RuntimeException e) {
      metrics.emitted(event.eventType(), false);
      throw e;
    }
    metrics.emitted(event.eventType(), true);
    log.debug("Queued webhook {} {} of session {}", event.eventType(), event.id(), event.sessionId());
  }

  /** {@link #emit}, logging instead of throwing; false when the event could not be queued. */
  public boolean tryEmit(WebhookEvent event) {
    try {
      emit(event);
      return true;
    } catch (RuntimeException e) {
      log.warn("Could not queue webhook {} {} of session {}: {}", event.eventType(), event.id(), event.sessionId(),
          e.toString());
      return false;
    }
  }
}
