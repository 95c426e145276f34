package dev.switchboard.wrapper.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.switchboard.contracts.webhooks.SessionStarted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Emission: nothing without a url; otherwise a persistent, confirmed message carrying id and type. */
class WebhookEmitterTest {
  private static final WebhookProperties ON = new WebhookProperties("http://127.0.0.1:9/hooks",
      "0123456789abcdef0123456789abcdef", Duration.ofSeconds(5), 8, Duration.ofSeconds(1), Duration.ofMinutes(5), 2);
  private final RabbitTemplate rabbit = mock(RabbitTemplate.class);
  private final RabbitOperations operations = mock(RabbitOperations.class);
  private final List<Message> sent = new ArrayList<>();
  private final SessionStarted event = WebhookEvents.sessionStarted("s-1", "a", Instant.parse("2026-01-01T10:00:00Z"));

  WebhookEmitterTest() {
    when(rabbit.invoke(any())).thenAnswer(invocation -> {
      RabbitOperations.OperationsCallback<?> callback = invocation.getArgument(0);
      return callback.doInRabbit(operations);
    });
    doAnswer(invocation -> sent.add(invocation.getArgument(2)))
        .when(operations).send(eq(""), eq(WebhookTopology.QUEUE), any(Message.class));
  }

  @Test
  void withoutAUrlNothingIsEmitted() {
    WebhookEmitter emitter = emitter(WebhookProperties.disabled());
    emitter.emit(event);
    assertThat(emitter.tryEmit(event)).isTrue();
    verifyNoInteractions(rabbit);
  }

  @Test
  void anEventIsAPersistentConfirmedMessageWithItsIdAndType() {
    emitter(ON).emit(event);

    assertThat(sent).singleElement().satisfies(message -> {
      assertThat(message.getMessageProperties().getMessageId()).isEqualTo(event.id().toString());
      assertThat(message.getMessageProperties().getType()).isEqualTo("sessionStarted");
      assertThat(message.getMessageProperties().getDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
      assertThat(new String(message.getBody())).contains("\"type\":\"sessionStarted\"").contains("\"sessionId\":\"s-1\"");
    });
    org.mockito.Mockito.verify(operations).waitForConfirmsOrDie(anyLong());
  }

  @Test
  void anUnconfirmedEmissionThrowsOrReportsFalse() {
    doThrow(new AmqpTimeoutException("no confirm")).when(operations).waitForConfirmsOrDie(anyLong());
    WebhookEmitter emitter = emitter(ON);

    assertThatThrownBy(() -> emitter.emit(event)).isInstanceOf(AmqpTimeoutException.class);
    assertThat(emitter.tryEmit(event)).isFalse();
  }

  private WebhookEmitter emitter(WebhookProperties properties) {
    return new WebhookEmitter(rabbit, JsonMapper.builder().build(), properties,
        new WebhookMetrics(new SimpleMeterRegistry()));
  }

}
