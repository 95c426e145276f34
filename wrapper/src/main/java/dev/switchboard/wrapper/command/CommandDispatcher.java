package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.Command;
import dev.switchboard.wrapper.media.MediaServerUnavailableException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Routes each command to the handler of its type, counts the outcome and tells the participant
 * when a command is rejected or given up; stateless apart from the immutable handler table,
 * so any number of consumer threads may call it.
 */
@Component
public class CommandDispatcher {
  private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

  private final Map<Class<?>, CommandHandler<?>> handlers = new HashMap<>();
  private final FailureNotifier notifier;
  private final CommandMetrics metrics;

  public CommandDispatcher(List<CommandHandler<?>> handlers, FailureNotifier notifier, CommandMetrics metrics) {
    handlers.forEach(handler -> {
      if (this.handlers.put(handler.commandType(), handler) != null) {
        throw new IllegalStateException("Two handlers for " + handler.commandType().getSimpleName());
      }
    });
    this.notifier = notifier;
    this.metrics = metrics;
  }

  /**
   * Handles the command. A rejection is answered with {@code RequestFailed} and counts as done;
   * any other exception propagates so that the caller retries the command.
   */
  public void dispatch(Command command) {
    try {
      handle(command);
      metrics.handled(command);
      log.debug("Handled {}", CommandNames.request(command));
    } catch (CommandRejectedException rejected) {
      if (rejected.retryable()) {
        throw rejected; // maybe only "not yet": the listener retries with backoff, giveUp reports it
      }
      log.info("Rejected {}: {} {}", CommandNames.request(command), rejected.code(), rejected.getMessage());
      // If telling the participant fails, the exception makes the command retry: never silence.
      notifier.requestFailed(command, rejected.code(), rejected.getMessage());
      metrics.failed(command, rejected.code());
    }
  }

  /** The command failed and goes back to its queue for another attempt. */
  public void retrying(Command command) {
    metrics.retried(command);
  }

  /** The command failed on every attempt: tell the participant (best effort) and count it. */
  public void giveUp(Command command, int attempts, RuntimeException cause) {
    String code;
    String message;
    if (cause instanceof CommandRejectedException rejected) {
      code = rejected.code();
      message = rejected.getMessage();
    } else if (cause instanceof MediaServerUnavailableException) {
      code = "MEDIA_SERVER_UNAVAILABLE";
      message = cause.getMessage();
    } else {
      code = "COMMAND_FAILED";
      message = "The request failed " + attempts + " times; it was set aside for an operator";
    }
    try {
      notifier.requestFailed(command, code, message);
    } catch (RuntimeException e) {
      log.error("Could not tell the participant that {} failed", CommandNames.request(command), e);
    }
    metrics.failed(command, code);
  }

  /** A message that is not a command: tell its sender if it named one, and count it. */
  public void malformed(MalformedCommandException malformed) {
    try {
      notifier.malformed(malformed);
    } catch (RuntimeException e) {
      log.error("Could not tell participant {} about a malformed command", malformed.participantId(), e);
    }
    metrics.failed("malformed", "MALFORMED_COMMAND");
  }

  @SuppressWarnings("unchecked")
  private <C extends Command> void handle(C command) {
    CommandHandler<C> handler = (CommandHandler<C>) handlers.get(command.getClass());
    if (handler == null) {
      throw new IllegalStateException("No handler for " + command.getClass().getSimpleName());
    }
    handler.handle(command);
  }
}
