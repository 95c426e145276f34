package dev.switchboard.wrapper.messaging;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.rabbitmq.client.Channel;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.bus.LeaveSession;
import dev.switchboard.wrapper.command.CommandDispatcher;
import dev.switchboard.wrapper.command.CommandReader;
import dev.switchboard.wrapper.command.MalformedCommandException;
import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.testing.FakeMediaServers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.json.JsonMapper;

/** Ack, bounded retries through the attempt header, then the dead-letter queue. */
class CommandListenerTest {
  private static final long TAG = 42;
  private static final String LEAVE = """
      {"type":"leaveSession","commandId":"c-5","sessionId":"s-1","participantId":"p-1","issuedAt":"2026-01-01T10:00:04Z"}""";
  private static final LeaveSession COMMAND = new LeaveSession("c-5", "s-1", "p-1", Instant.parse("2026-01-01T10:00:04Z"));

  private final CommandDispatcher dispatcher = mock(CommandDispatcher.class);
  private final CommandRetries retries = mock(CommandRetries.class);
  private final Channel channel = mock(Channel.class);
  private final WrapperProperties properties = new FakeMediaServers("a").properties();
  private final CommandListener listener =
      new CommandListener(new CommandReader(JsonMapper.builder().build()), dispatcher, retries, properties);

  @Test
  void aHandledCommandIsAcked() throws Exception {
    listener.onMessage(message(LEAVE, null), channel);

    verify(dispatcher).dispatch(COMMAND);
    verify(channel).basicAck(TAG, false);
    verify(retries, never()).republish(any(), anyInt());
  }

  @Test
  void aFailedCommandGoesBackWithTheNextAttemptNumberAndTheOriginalIsAcked() throws Exception {
    doThrow(new IllegalStateException("transient")).when(dispatcher).dispatch(any(Command.class));
    Message first = message(LEAVE, null);
    Message second = message(LEAVE, 2);

    listener.onMessage(first, channel);
    listener.onMessage(second, channel);

    verify(retries).republish(first, 2);
    verify(retries).republish(second, 3);
    verify(channel, org.mockito.Mockito.times(2)).basicAck(TAG, false);
    verify(dispatcher, never()).giveUp(any(), anyInt(), any());
  }

  @Test
  void whenTheRetryCannotBeQueuedTheOriginalIsRequeued() throws Exception {
    doThrow(new IllegalStateException("transient")).when(dispatcher).dispatch(any(Command.class));
    doThrow(new AmqpIOException(new java.io.IOException("broker gone"))).when(retries).republish(any(), anyInt());

    listener.onMessage(message(LEAVE, null), channel);

    verify(channel).basicNack(TAG, false, true);
    verify(channel, never()).basicAck(TAG, false);
  }

  @Test
  void theLastAttemptTellsTheParticipantAndDeadLettersTheCommand() throws Exception {
    IllegalStateException failure = new IllegalStateException("still failing");
    doThrow(failure).when(dispatcher).dispatch(any(Command.class));

    listener.onMessage(message(LEAVE, 3), channel);

    verify(dispatcher).giveUp(eq(COMMAND), eq(3), eq(failure));
    verify(channel).basicReject(TAG, false);
    verify(retries, never()).republish(any(), anyInt());
  }

  @Test
  void aMalformedMessageGoesStraightToTheDeadLetterQueue() throws Exception {
    listener.onMessage(message("{\"type\":", null), channel);

    verify(dispatcher).malformed(any(MalformedCommandException.class));
    verify(dispatcher, never()).dispatch(any());
    verify(channel).basicReject(TAG, false);
  }

  private static Message message(String json, Integer attempt) {
    MessageProperties properties = new MessageProperties();
    properties.setConsumerQueue("session.s-1");
    properties.setDeliveryTag(TAG);
    if (attempt != null) {
      properties.setHeader(Topology.ATTEMPT_HEADER, attempt);
    }
    return new Message(json.getBytes(StandardCharsets.UTF_8), properties);
  }
}
