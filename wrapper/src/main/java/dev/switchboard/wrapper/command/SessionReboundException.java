package dev.switchboard.wrapper.command;

/**
 * The session moved to another pipeline (or lost its pipeline) while a command was working on
 * the old one: the work must start over from a fresh read. Immutable.
 */
public class SessionReboundException extends IllegalStateException {
  public SessionReboundException(String message) {
    super(message);
  }
}
