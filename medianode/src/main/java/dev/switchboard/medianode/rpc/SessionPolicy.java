package dev.switchboard.medianode.rpc;

/** How a method treats a request that names no session and whose socket carries none yet. */
public enum SessionPolicy {
  /** Create one: the first {@code create} of a new client starts its session (KMS {@code getOrCreateSessionId}). */
  CREATE,
  /** Run without one: a first {@code ping} must not invent a session. */
  OPTIONAL,
  /** The method resolves sessions itself ({@code connect}). */
  MANUAL
}
