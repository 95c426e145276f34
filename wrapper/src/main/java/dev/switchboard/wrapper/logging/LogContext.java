package dev.switchboard.wrapper.logging;

import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.bus.SessionCommand;
import dev.switchboard.wrapper.command.CommandNames;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * Puts the session, participant and command ids into the logging MDC of the current thread for
 * the duration of a try-with-resources block, and removes them after; one instance per thread.
 */
public final class LogContext implements AutoCloseable {
  public static final String SESSION_ID = "sessionId";
  public static final String PARTICIPANT_ID = "participantId";
  public static final String COMMAND_ID = "commandId";
  public static final String COMMAND_TYPE = "commandType";

  private final List<String> keys = new ArrayList<>();

  private LogContext() {}

  public static LogContext of(Command command) {
    LogContext context = new LogContext()
        .put(SESSION_ID, command.sessionId())
        .put(COMMAND_ID, command.commandId())
        .put(COMMAND_TYPE, CommandNames.of(command));
    if (command instanceof SessionCommand sessionCommand) {
      context.put(PARTICIPANT_ID, sessionCommand.participantId());
    }
    return context;
  }

  public static LogContext session(String sessionId) {
    return new LogContext().put(SESSION_ID, sessionId);
  }

  public static LogContext participant(String sessionId, String participantId) {
    return session(sessionId).put(PARTICIPANT_ID, participantId);
  }

  private LogContext put(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
      keys.add(key);
    }
    return this;
  }

  @Override
  public void close() {
    keys.forEach(MDC::remove);
  }
}
