package dev.switchboard.api.auth;

/** Who may call an {@code /api} route; every such route declares one with {@link Requires}. Immutable. */
public enum Access {
  /** The application's backend, with {@code switchboard.api.application-key}: create sessions, join participants. */
  APPLICATION,
  /** The participant named by {pid} in the path, with its own unexpired token for exactly that session. */
  PARTICIPANT,
  /** The application, or any participant of the session named by {sid} (its token). */
  MEMBER_OR_APPLICATION,
  /** The operator, with {@code switchboard.api.admin-key}. */
  OPERATOR
}
