package dev.switchboard.wrapper.webhooks;

import com.rabbitmq.client.Channel;
import dev.switchboard.contracts.Topology;
import dev.switchboard.wrapper.messaging.CommandRetries;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Delivers queued webhook events: POSTs each, acks it after a 2xx, otherwise moves it to the retry
 * queue of its backoff (attempt count in the {@link Topology#ATTEMPT_HEADER} header) or, after the
 * last attempt, parks it in {@code switchboard.webhooks.failed}. Called concurrently by the
 * container's consumers (virtual threads); holds no state of its own.
 *
 * <p>A move is a confirmed publish of a copy followed by the ack of the original, so a crash in
 * between duplicates (the receiver dedupes by delivery id) and never loses. So does a crash
 * between a 2xx and the ack: the event is POSTed again by whichever instance gets it next.
 */
public class WebhookDispatcher implements ChannelAwareMessageListener {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;
  /** Pause before a delivery goes back after the broker refused its retry copy, so a broken broker is not hammered. */
  private static final Duration REQUEUE_PAUSE = Duration.ofSeconds(1);

  /** What becomes of a delivery. */
  enum Outcome { ACK, REQUEUE }

  private final WebhookSender sender;
  private final RabbitTemplate rabbit;
  private final RetryBackoff backoff;
  private final WebhookMetrics metrics;

  public WebhookDispatcher(WebhookSender sender, RabbitTemplate rabbit, RetryBackoff backoff, WebhookMetrics metrics) {
    this.sender = sender;
    this.rabbit = rabbit;
    this.backoff = backoff;
    this.metrics = metrics;
  }

  @Override
  public void onMessage(Message message, Channel channel) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    switch (process(message)) {
      case ACK -> channel.basicAck(tag, false);
      case REQUEUE -> channel.basicNack(tag, false, true);
    }
  }

  Outcome process(Message message) {
    MessageProperties properties = message.getMessageProperties();
    String deliveryId = properties.getMessageId();
    String type = properties.getType();
    int attempt = CommandRetries.attemptOf(message);
    if (deliveryId == null || type == null) {
      log.error("Parking a webhook message without id or type (from {})", properties.getConsumerQueue());
      return move(message, WebhookTopology.FAILED_QUEUE, attempt, "no message id or type", "unknown", false);
    }
    WebhookSender.Result result = sender.send(deliveryId, type, attempt, message.getBody());
    if (result.delivered()) {
      metrics.delivered(type);
      log.debug("Delivered webhook {} {} on attempt {} ({})", type, deliveryId, attempt, result.describe());
      return Outcome.ACK;
    }
    if (backoff.retriesAfter(attempt)) {
      Duration delay = backoff.delayAfter(attempt);
      log.info("Webhook {} {} failed on attempt {} of {} ({}); next attempt in {} ms", type, deliveryId, attempt,
          backoff.maxAttempts(), result.describe(), delay.toMillis());
      Outcome outcome = move(message, WebhookTopology.retryQueue(delay), attempt + 1, result.describe(), type, true);
      if (outcome == Outcome.ACK) {
        metrics.retried(type);
      }
      return outcome;
    }
    log.warn("Webhook {} {} failed on all {} attempts ({}); parking it in {}", type, deliveryId, attempt,
        result.describe(), WebhookTopology.FAILED_QUEUE);
    Outcome outcome = move(message, WebhookTopology.FAILED_QUEUE, attempt, result.describe(), type, false);
    if (outcome == Outcome.ACK) {
      metrics.failed(type);
    }
    return outcome;
  }

  /** Publishes a copy to {@code queue} and confirms it; REQUEUE (after a pause) when the broker refused. */
  private Outcome move(Message message, String queue, int attempt, String error, String type, boolean retry) {
    MessageProperties received = message.getMessageProperties();
    MessageProperties properties = new MessageProperties();
    properties.setContentType(received.getContentType());
    properties.setMessageId(received.getMessageId());
    properties.setType(received.getType());
    properties.setTimestamp(received.getTimestamp());
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    properties.setHeader(Topology.ATTEMPT_HEADER, attempt);
    properties.setHeader(WebhookTopology.ERROR_HEADER, truncate(error));
    Message copy = new Message(message.getBody(), properties);
    try {
      rabbit.invoke(operations -> {
        operations.send("", queue, copy);
        operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
        return null;
      });
      return Outcome.ACK;
    } catch (RuntimeException e) {
      log.warn("Could not move webhook {} {} to {} ({}); it goes back to its queue", type, received.getMessageId(),
          retry ? "its retry queue" : queue, e.toString());
      pause();
      return Outcome.REQUEUE;
    }
  }

  private static String truncate(String error) {
    String text = error == null ? "" : error;
    return text.length() > 500 ? text.substring(0, 500) : text;
  }

  private static void pause() {
    try {
      Thread.sleep(REQUEUE_PAUSE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
