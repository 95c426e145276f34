package dev.switchboard.wrapper.session;

import dev.switchboard.contracts.SessionDocument;

/** Values of a session document's {@code state}; constants only. */
public final class SessionStates {
  public static final String ACTIVE = SessionDocument.STATE_ACTIVE;
  /**
   * Claimed by one wrapper that is ending the session (last one left, or idle). Joins are refused
   * from then on; if that wrapper dies half-way, the idle sweep finishes the job.
   */
  public static final String CLOSING = "CLOSING";

  private SessionStates() {}
}
