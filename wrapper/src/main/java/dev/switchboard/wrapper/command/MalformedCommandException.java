package dev.switchboard.wrapper.command;

/**
 * A message on a command queue that is not a valid command. It goes straight to the dead-letter
 * queue; the ids found in it, if any, let the sender still be told. Immutable.
 */
public class MalformedCommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sessionId;
  private final String participantId;

  public MalformedCommandException(String message, String sessionId, String participantId, Throwable cause) {
    super(message, cause);
    this.sessionId = sessionId;
    this.participantId = participantId;
  }

  /** The session id the message claimed, when it is a valid id; else null. */
  public String sessionId() {
    return sessionId;
  }

  /** The participant id the message claimed, when it is a valid id; else null. */
  public String participantId() {
    return participantId;
  }
}
