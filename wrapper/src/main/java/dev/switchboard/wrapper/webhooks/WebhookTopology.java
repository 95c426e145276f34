package dev.switchboard.wrapper.webhooks;

import dev.switchboard.contracts.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;

/**
 * The RabbitMQ queues of webhook delivery; stateless. Only wrappers use them, so they live here
 * rather than in the contracts' {@link Topology}.
 *
 * <pre>
 *  emit ──▶ switchboard.webhooks ──▶ dispatcher ──POST──▶ application
 *                 ▲                     │ failed, attempts left
 *                 │ dead-lettered       ▼
 *                 └──── switchboard.webhooks.retry.&lt;delay&gt;ms (x-message-ttl = delay, no consumer)
 *                                       │ failed, no attempts left
 *                                       ▼
 *                       switchboard.webhooks.failed (parked for an operator)
 * </pre>
 *
 * <p>All three are quorum queues (RabbitMQ 3.10 or later): replicated over a cluster, so a broker
 * node's loss loses no event, and a retry queue's dead-lettering is at-least-once (its broker
 * keeps the message until the main queue has confirmed it), which needs {@code reject-publish}
 * overflow. The classic-queue default dead-lettered at most once: a crash mid-move lost the event.
 */
public final class WebhookTopology {
  /** Events waiting to be POSTed; every instance's dispatcher consumes it. */
  public static final String QUEUE = "switchboard.webhooks";
  /** Events that failed every attempt, for an operator to inspect or move back. */
  public static final String FAILED_QUEUE = "switchboard.webhooks.failed";
  static final String RETRY_QUEUE_PREFIX = "switchboard.webhooks.retry.";
  static final String QUEUE_TYPE = "x-queue-type";
  static final String QUORUM = "quorum";
  /** Header of a retried or parked event: why its last attempt failed. */
  public static final String ERROR_HEADER = "x-switchboard-webhook-error";

  private WebhookTopology() {}

  /** The queue an event waits in for {@code delay} before going back to {@link #QUEUE}. */
  public static String retryQueue(Duration delay) {
    return RETRY_QUEUE_PREFIX + delay.toMillis() + "ms";
  }

  /**
   * The main, failed and retry queues, declared by the admin at every (re)connection. Instances
   * configured with other backoffs declare other retry queues; all lead back to the main queue.
   */
  public static Declarables declarables(RetryBackoff backoff) {
    List<Declarable> declarables = new ArrayList<>();
    declarables.add(new Queue(QUEUE, true, false, false, plainArguments()));
    declarables.add(new Queue(FAILED_QUEUE, true, false, false, plainArguments()));
    for (Duration delay : backoff.delays()) {
      declarables.add(new Queue(retryQueue(delay), true, false, false, retryArguments(delay)));
    }
    return new Declarables(declarables);
  }

  static Map<String, Object> plainArguments() {
    return new HashMap<>(Map.of(QUEUE_TYPE, QUORUM));
  }

  /**
   * A retry queue holds each message {@code delay}, then RabbitMQ dead-letters it through the
   * default exchange back to the main queue. No {@code x-expires}: a queue without consumers would
   * expire with its waiting messages.
   */
  static Map<String, Object> retryArguments(Duration delay) {
    Map<String, Object> arguments = plainArguments();
    arguments.put("x-message-ttl", delay.toMillis());
    arguments.put("x-dead-letter-exchange", "");
    arguments.put("x-dead-letter-routing-key", QUEUE);
    arguments.put("x-dead-letter-strategy", "at-least-once");
    arguments.put("x-overflow", "reject-publish");
    return arguments;
  }
}
