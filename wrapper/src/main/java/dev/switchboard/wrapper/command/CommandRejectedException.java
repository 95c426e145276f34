package dev.switchboard.wrapper.command;

/**
 * A command that can never succeed as sent (unknown target, invalid SDP...): the participant
 * gets {@code RequestFailed(request, code, message)} and the command is not retried. Immutable.
 */
public class CommandRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final boolean retryable;

  public CommandRejectedException(String code, String message) {
    this(code, message, false);
  }

  private CommandRejectedException(String code, String message, boolean retryable) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }

  /**
   * True when the rejection may only mean "not yet": commands of one session are handled by
   * competing instances, so an offer can be handled before its participant's join, or a join
   * before its session's create. Such rejections are retried and reported only at the end.
   */
  public boolean retryable() {
    return retryable;
  }

  /** Stable, machine-readable reason, e.g. {@code UNKNOWN_TARGET}. */
  public String code() {
    return code;
  }

  public static CommandRejectedException unknownSession(String sessionId) {
    return new CommandRejectedException("UNKNOWN_SESSION", "Session " + sessionId + " does not exist", true);
  }

  public static CommandRejectedException unknownParticipant(String participantId) {
    return new CommandRejectedException("UNKNOWN_PARTICIPANT", "Participant " + participantId + " is not in the session", true);
  }

  public static CommandRejectedException unknownTarget(String target) {
    return new CommandRejectedException("UNKNOWN_TARGET", "Participant " + target + " is not in the session", true);
  }
}
