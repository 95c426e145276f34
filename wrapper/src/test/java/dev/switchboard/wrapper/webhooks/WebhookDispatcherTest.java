package dev.switchboard.wrapper.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.switchboard.contracts.Topology;
import dev.switchboard.wrapper.webhooks.WebhookDispatcher.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** What the dispatcher does with each delivery: ack after 2xx, move to a retry queue, park after the last attempt. */
class WebhookDispatcherTest {
  record Moved(String queue, Message message) {}

  private final WebhookSender sender = mock(WebhookSender.class);
  private final RabbitTemplate rabbit = mock(RabbitTemplate.class);
  private final RabbitOperations operations = mock(RabbitOperations.class);
  private final List<Moved> moved = new ArrayList<>();
  private final WebhookMetrics metrics = new WebhookMetrics(new SimpleMeterRegistry());
  private final WebhookDispatcher dispatcher = new WebhookDispatcher(sender, rabbit,
      new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(3), 4), metrics);

  WebhookDispatcherTest() {
    when(rabbit.invoke(any())).thenAnswer(invocation -> {
      RabbitOperations.OperationsCallback<?> callback = invocation.getArgument(0);
      return callback.doInRabbit(operations);
    });
    doAnswer(invocation -> moved.add(new Moved(invocation.getArgument(1), invocation.getArgument(2))))
        .when(operations).send(eq(""), anyString(), any(Message.class));
  }

  @Test
  void aTwoHundredIsAckedAndNothingMoves() {
    when(sender.send(eq("d-1"), eq("sessionStarted"), eq(1), any())).thenReturn(new WebhookSender.Result(204, null));

    assertThat(dispatcher.process(event("d-1", null))).isEqualTo(Outcome.ACK);

    assertThat(moved).isEmpty();
    assertThat(metrics.count(WebhookMetrics.DELIVERED)).isEqualTo(1);
  }

  @Test
  void aFailureGoesToTheRetryQueueOfItsBackoffWithTheNextAttemptNumber() {
    when(sender.send(anyString(), anyString(), anyInt(), any())).thenReturn(new WebhookSender.Result(500, null));

    assertThat(dispatcher.process(event("d-2", null))).isEqualTo(Outcome.ACK);
    assertThat(dispatcher.process(event("d-2", 3))).isEqualTo(Outcome.ACK);

    assertThat(moved).extracting(Moved::queue)
        .containsExactly("switchboard.webhooks.retry.1000ms", "switchboard.webhooks.retry.3000ms");
    MessageProperties retry = moved.getFirst().message().getMessageProperties();
    assertThat(retry.getHeaders()).containsEntry(Topology.ATTEMPT_HEADER, 2)
        .containsEntry(WebhookTopology.ERROR_HEADER, "HTTP 500");
    assertThat(retry.getMessageId()).isEqualTo("d-2");
    assertThat(retry.getType()).isEqualTo("sessionStarted");
    assertThat(new String(moved.getFirst().message().getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"d-2\"}");
    assertThat(moved.get(1).message().getMessageProperties().getHeaders()).containsEntry(Topology.ATTEMPT_HEADER, 4);
    assertThat(metrics.count(WebhookMetrics.RETRIED)).isEqualTo(2);
  }

  @Test
  void theLastFailedAttemptIsParkedAndCounted() {
    when(sender.send(anyString(), anyString(), anyInt(), any())).thenReturn(new WebhookSender.Result(0, "timed out after 5000 ms"));

    assertThat(dispatcher.process(event("d-3", 4))).isEqualTo(Outcome.ACK);

    assertThat(moved).singleElement().satisfies(m -> {
      assertThat(m.queue()).isEqualTo(WebhookTopology.FAILED_QUEUE);
      assertThat(m.message().getMessageProperties().getHeaders())
          .containsEntry(WebhookTopology.ERROR_HEADER, "timed out after 5000 ms").containsEntry(Topology.ATTEMPT_HEADER, 4);
    });
    assertThat(metrics.count(WebhookMetrics.FAILED)).isEqualTo(1);
  }

  @Test
  void whenTheBrokerRefusesTheRetryCopyTheOriginalGoesBack() {
    when(sender.send(anyString(), anyString(), anyInt(), any())).thenReturn(new WebhookSender.Result(503, null));
    doThrow(new AmqpIOException(new java.io.IOException("broker gone"))).when(operations).waitForConfirmsOrDie(anyLong());

    assertThat(dispatcher.process(event("d-4", null))).isEqualTo(Outcome.REQUEUE);
    assertThat(metrics.count(WebhookMetrics.RETRIED)).isZero();
  }

  @Test
  void aMessageWithoutIdIsParkedWithoutBeingSent() {
    Message message = new Message("{}".getBytes(StandardCharsets.UTF_8), new MessageProperties());

    assertThat(dispatcher.process(message)).isEqualTo(Outcome.ACK);

    verify(sender, never()).send(any(), any(), anyInt(), any());
    assertThat(moved).extracting(Moved::queue).containsExactly(WebhookTopology.FAILED_QUEUE);
  }

  private static Message event(String id, Integer attempt) {
    MessageProperties properties = new MessageProperties();
    properties.setMessageId(id);
    properties.setType("sessionStarted");
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    if (attempt != null) {
      properties.setHeader(Topology.ATTEMPT_HEADER, attempt);
    }
    return new Message(("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), properties);
  }
}
