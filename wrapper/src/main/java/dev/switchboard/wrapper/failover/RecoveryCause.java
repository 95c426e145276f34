package dev.switchboard.wrapper.failover;

/** Why a session leaves its media server; the {@code cause} tag of the recovery metrics. Immutable. */
public enum RecoveryCause {
  /** The server stopped answering (connection lost, probe failed or timed out). */
  LOST("lost"),
  /** The server answers but no longer holds the session's pipeline (restarted in place). */
  RESTARTED("restarted"),
  /** The operator drained the server and asked for its sessions to move. */
  DRAINED("drained");

  private final String tag;

  RecoveryCause(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
