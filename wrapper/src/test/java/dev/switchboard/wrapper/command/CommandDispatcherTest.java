package dev.switchboard.wrapper.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.contracts.bus.LeaveSession;
import dev.switchboard.contracts.messages.RequestFailed;
import dev.switchboard.wrapper.media.MediaServerUnavailableException;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routing, outcomes, metrics and what the participant is told. */
class CommandDispatcherTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ParticipantPublisher publisher = mock(ParticipantPublisher.class);
  private final LeaveSession leave = new LeaveSession("c-7", "s-1", "p-1", Instant.EPOCH);

  @Test
  void aHandledCommandIsCounted() {
    dispatcher(command -> { }).dispatch(leave);

    assertThat(registry.counter("switchboard.wrapper.commands", "type", "leaveSession", "outcome", "handled", "code", "OK").count()).isEqualTo(1);
    verify(publisher, never()).toParticipant(any(), any());
  }

  @Test
  void aPermanentRejectionTellsTheParticipantWithItsCodeAndIsNotRetried() {
    dispatcher(command -> {
      throw new CommandRejectedException("INVALID_SDP", "The offer is not valid SDP");
    }).dispatch(leave);

    verify(publisher).toParticipant(eq("p-1"), eq(new RequestFailed("leaveSession c-7", "INVALID_SDP",
        "The offer is not valid SDP")));
    assertThat(registry.counter("switchboard.wrapper.commands", "type", "leaveSession", "outcome", "failed", "code", "INVALID_SDP")
        .count()).isEqualTo(1);
  }

  @Test
  void anUnknownTargetMayOnlyBeNotYet_soItIsRetriedAndReportedWithItsCodeAtTheEnd() {
    CommandDispatcher dispatcher = dispatcher(command -> {
      throw CommandRejectedException.unknownTarget("p-9");
    });

    assertThatThrownBy(() -> dispatcher.dispatch(leave)).isInstanceOf(CommandRejectedException.class);
    verify(publisher, never()).toParticipant(any(), any());

    dispatcher.giveUp(leave, 3, CommandRejectedException.unknownTarget("p-9"));
    verify(publisher).toParticipant(eq("p-1"), eq(new RequestFailed("leaveSession c-7", "UNKNOWN_TARGET",
        "Participant p-9 is not in the session")));
  }

  @Test
  void anyOtherFailurePropagatesForARetry() {
    CommandDispatcher dispatcher = dispatcher(command -> {
      throw new IllegalStateException("mongo hiccup");
    });

    assertThatThrownBy(() -> dispatcher.dispatch(leave)).isInstanceOf(IllegalStateException.class);
    verify(publisher, never()).toParticipant(any(), any());
  }

  @Test
  void givingUpTellsTheParticipantEvenIfNothingElseWorks() {
    CommandDispatcher dispatcher = dispatcher(command -> { });

    dispatcher.giveUp(leave, 3, new IllegalStateException("boom"));
    dispatcher.giveUp(new CreateSession("c-8", "s-2", Instant.EPOCH), 3, new MediaServerUnavailableException("No media server"));

    verify(publisher).toParticipant(eq("p-1"), eq(new RequestFailed("leaveSession c-7", "COMMAND_FAILED",
        "The request failed 3 times; it was set aside for an operator")));
    verify(publisher).toSession(eq("s-2"), eq(new RequestFailed("createSession c-8", "MEDIA_SERVER_UNAVAILABLE",
        "No media server")));
  }

  @Test
  void aFailingNotificationDoesNotHideTheGiveUp() {
    doThrow(new IllegalStateException("broker down")).when(publisher).toParticipant(any(), any());

    dispatcher(command -> { }).giveUp(leave, 3, new IllegalStateException("boom"));

    assertThat(registry.counter("switchboard.wrapper.commands", "type", "leaveSession", "outcome", "failed", "code", "COMMAND_FAILED")
        .count()).isEqualTo(1);
  }

  private CommandDispatcher dispatcher(java.util.function.Consumer<LeaveSession> behaviour) {
    CommandHandler<LeaveSession> handler = new CommandHandler<>() {
      @Override
      public Class<LeaveSession> commandType() {
        return LeaveSession.class;
      }

      @Override
      public void handle(LeaveSession command) {
        behaviour.accept(command);
      }
    };
    return new CommandDispatcher(List.of(handler), new FailureNotifier(publisher), new CommandMetrics(registry));
  }
}
