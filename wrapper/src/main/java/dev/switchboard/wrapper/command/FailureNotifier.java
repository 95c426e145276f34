package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.bus.MediaServerCommand;
import dev.switchboard.contracts.bus.SessionCommand;
import dev.switchboard.contracts.messages.RequestFailed;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the sender of a failed command with {@code RequestFailed}: the participant of a session
 * command directly, everyone in the session for a create (it has no participant); thread-safe.
 */
@Component
public class FailureNotifier {
  private static final Logger log = LoggerFactory.getLogger(FailureNotifier.class);

  private final ParticipantPublisher publisher;

  public FailureNotifier(ParticipantPublisher publisher) {
    this.publisher = publisher;
  }

  public void requestFailed(Command command, String code, String message) {
    RequestFailed failure = new RequestFailed(CommandNames.request(command), code, message);
    if (command instanceof SessionCommand sessionCommand) {
      publisher.toParticipant(sessionCommand.participantId(), failure);
    } else if (command instanceof MediaServerCommand) {
      // An operator's command: nobody polls for its outcome; the log and the metrics tell.
      log.warn("{} failed: {} {}", CommandNames.request(command), code, message);
    } else {
      publisher.toSession(command.sessionId(), failure);
    }
  }

  /** For a malformed message: tells its participant when the message named a valid one. */
  public void malformed(MalformedCommandException malformed) {
    if (malformed.participantId() != null) {
      publisher.toParticipant(malformed.participantId(),
          new RequestFailed("unknown", "MALFORMED_COMMAND", malformed.getMessage()));
    }
  }
}
