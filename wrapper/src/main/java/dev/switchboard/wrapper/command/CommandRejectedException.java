package dev.switchboard.wrapper.command;

/**
 * A command that can never succeed as sent (unknown target, invalid SDP...): the participant
 * gets {@code RequestFailed(request, code, message)} and the command is not retried. Immutable.
 */
public class CommandRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public CommandRejectedException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** Stable, machine-readable reason, e.g. {@code UNKNOWN_TARGET}. */
  public String code() {
    return code;
  }

  public static CommandRejectedException unknownSession(String sessionId) {
    return new CommandRejectedException("UNKNOWN_SESSION", "Session " + sessionId + " does not exist");
  }

  public static CommandRejectedException unknownParticipant(String participantId) {
    return new CommandRejectedException("UNKNOWN_PARTICIPANT", "Participant " + participantId + " is not in the session");
  }

  public static CommandRejectedException unknownTarget(String target) {
    return new CommandRejectedException("UNKNOWN_TARGET", "Participant " + target + " is not in the session");
  }
}
