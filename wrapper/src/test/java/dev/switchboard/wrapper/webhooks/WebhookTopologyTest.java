package dev.switchboard.wrapper.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;

/**
 * Every webhook queue is a durable quorum queue (replicated, so a broker node's loss loses no
 * event), and every retry queue dead-letters at least once back to the main queue, which RabbitMQ
 * honours only with reject-publish overflow.
 */
class WebhookTopologyTest {

  @Test
  void theQueuesAreDurableQuorumQueues_andRetriesDeadLetterAtLeastOnceToTheMainQueue() {
    List<Queue> queues = WebhookTopology.declarables(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 4))
        .getDeclarablesByType(Queue.class);

    assertThat(queues).extracting(Queue::getName).containsExactly(WebhookTopology.QUEUE, WebhookTopology.FAILED_QUEUE,
        "switchboard.webhooks.retry.1000ms", "switchboard.webhooks.retry.2000ms", "switchboard.webhooks.retry.4000ms");
    assertThat(queues).allSatisfy(queue -> {
      assertThat(queue.isDurable()).isTrue();
      assertThat(queue.isAutoDelete()).isFalse();
      assertThat(queue.getArguments()).containsEntry("x-queue-type", "quorum")
          .doesNotContainKey("x-expires").doesNotContainKey("x-queue-version");
    });
    assertThat(queues.subList(2, queues.size())).allSatisfy(retry -> assertThat(retry.getArguments())
        .containsEntry("x-dead-letter-exchange", "")
        .containsEntry("x-dead-letter-routing-key", WebhookTopology.QUEUE)
        .containsEntry("x-dead-letter-strategy", "at-least-once")
        .containsEntry("x-overflow", "reject-publish")
        .containsKey("x-message-ttl"));
    assertThat(queues.get(2).getArguments()).containsEntry("x-message-ttl", 1000L);
  }
}
