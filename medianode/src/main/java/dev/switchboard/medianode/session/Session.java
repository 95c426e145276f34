package dev.switchboard.medianode.session;

import dev.switchboard.medianode.control.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A Kurento client session: the objects it references, its event subscriptions, and the socket it
 * is bound to now (KMS {@code MediaSet} sessions). It outlives its socket so that a client that
 * reconnects with {@code connect} finds its objects and subscriptions intact. Confined to the
 * control thread.
 */
public final class Session {
  private final String id;
  private final Set<String> references = new LinkedHashSet<>();
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private Connection connection;
  private Instant detachedAt;

  Session(String id, Instant now) {
    this.id = id;
    this.detachedAt = now;
  }

  public String id() {
    return id;
  }

  public Connection connection() {
    return connection;
  }

  /** Bound to an open socket: such a session is never garbage-collected. */
  public boolean attached() {
    return connection != null && connection.isOpen();
  }

  void attach(Connection c) {
    this.connection = c;
    this.detachedAt = null;
  }

  void detach(Instant now) {
    this.connection = null;
    this.detachedAt = now;
  }

  /** When the session lost its socket, or null while attached. */
  Instant detachedAt() {
    return detachedAt;
  }

  Set<String> references() {
    return references;
  }

  Map<String, Subscription> subscriptions() {
    return subscriptions;
  }
}
