package dev.switchboard.medianode.session;

import dev.switchboard.medianode.control.Connection;
import dev.switchboard.medianode.objects.EventSink;
import dev.switchboard.medianode.objects.MediaObject;
import dev.switchboard.medianode.rpc.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kurento sessions of this node (KMS {@code MediaSet}): which socket each is bound to, which
 * objects each references and which events each subscribed to; routes every event as one {@code
 * onEvent} per subscribed session to that session's current socket. Confined to the control
 * thread.
 */
public final class SessionRegistry implements EventSink {
  private final Clock clock;
  private final Map<String, Session> sessions = new LinkedHashMap<>();
  /** The session a socket carries when a request names none: the last one used on it. */
  private final Map<Connection, Session> currentByConnection = new HashMap<>();
  /** Object id to the sessions that reference it directly. */
  private final Map<String, Set<Session>> holders = new HashMap<>();
  /** Object id to every subscription on it, across sessions. */
  private final Map<String, List<Subscription>> subscriptionsByObject = new HashMap<>();

  public SessionRegistry(Clock clock) {
    this.clock = clock;
  }

  public Session create(Connection connection) {
    return adopt(UUID.randomUUID().toString(), connection);
  }

  /** Creates a session under a client-chosen id, as KMS does for an unknown {@code sessionId}. */
  public Session adopt(String id, Connection connection) {
    Session s = new Session(id, clock.instant());
    sessions.put(id, s);
    bind(s, connection);
    return s;
  }

  public Optional<Session> find(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  public Optional<Session> current(Connection connection) {
    return Optional.ofNullable(currentByConnection.get(connection));
  }

  /** Routes the session's events to this socket from now on (a reconnect moves it here). */
  public void bind(Session session, Connection connection) {
    if (session.connection() != connection) {
      session.attach(connection);
    }
    currentByConnection.put(connection, session);
  }

  /** The socket closed: its sessions wait, detached, for a reconnect or the garbage collector. */
  public void connectionClosed(Connection connection) {
    currentByConnection.remove(connection);
    Instant now = clock.instant();
    for (Session s : sessions.values()) {
      if (s.connection() == connection) {
        s.detach(now);
      }
    }
  }

  public List<String> sessionIds() {
    return List.copyOf(sessions.keySet());
  }

  public int size() {
    return sessions.size();
  }

  /**
   * Sessions bound to a socket whose close the registry has not processed yet. A socket can be
   * dead a moment before its close is recorded; counting recorded state keeps this consistent
   * with what the garbage collector will see.
   */
  public int attachedCount() {
    return (int) sessions.values().stream().filter(s -> s.connection() != null).count();
  }

  public void reference(Session session, MediaObject object) {
    if (session.references().add(object.id())) {
      holders.computeIfAbsent(object.id(), k -> new LinkedHashSet<>()).add(session);
    }
  }

  public Subscription subscribe(Session session, MediaObject object, String eventType) {
    Subscription sub = new Subscription(UUID.randomUUID().toString(), session.id(), object.id(), eventType);
    session.subscriptions().put(sub.id(), sub);
    subscriptionsByObject.computeIfAbsent(object.id(), k -> new ArrayList<>()).add(sub);
    reference(session, object);
    return sub;
  }

  /** Removes a subscription of this session; unknown ids are ignored, as in KMS. */
  public void unsubscribe(Session session, String subscriptionId) {
    Subscription sub = session.subscriptions().remove(subscriptionId);
    if (sub != null) {
      List<Subscription> list = subscriptionsByObject.get(sub.objectId());
      if (list != null) {
        list.remove(sub);
        if (list.isEmpty()) {
          subscriptionsByObject.remove(sub.objectId());
        }
      }
    }
  }

  /** True while some session references the object or one of its ancestors (KMS refs children through parents). */
  public boolean isHeld(MediaObject object) {
    for (MediaObject o = object; o != null; o = o.parent()) {
      Set<Session> h = holders.get(o.id());
      if (h != null && !h.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Removes a session and returns the ids of the objects it referenced, for the caller to re-check. */
  public List<String> remove(Session session) {
    sessions.remove(session.id());
    currentByConnection.values().removeIf(s -> s == session);
    for (String subId : List.copyOf(session.subscriptions().keySet())) {
      unsubscribe(session, subId);
    }
    List<String> referenced = List.copyOf(session.references());
    for (String id : referenced) {
      Set<Session> h = holders.get(id);
      if (h != null) {
        h.remove(session);
        if (h.isEmpty()) {
          holders.remove(id);
        }
      }
    }
    session.references().clear();
    return referenced;
  }

  /** A released object disappears from every session's references and subscriptions. */
  public void forget(MediaObject object) {
    Set<Session> h = holders.remove(object.id());
    if (h != null) {
      h.forEach(s -> s.references().remove(object.id()));
    }
    List<Subscription> subs = subscriptionsByObject.remove(object.id());
    if (subs != null) {
      for (Subscription sub : subs) {
        Session s = sessions.get(sub.sessionId());
        if (s != null) {
          s.subscriptions().remove(sub.id());
        }
      }
    }
  }

  /** Sessions without a socket for at least {@code period}. */
  public List<Session> expired(Duration period) {
    Instant cutoff = clock.instant().minus(period);
    List<Session> out = new ArrayList<>();
    for (Session s : sessions.values()) {
      if (s.attached()) {
        continue;
      }
      Instant since = s.detachedAt();
      if (since == null || !since.isAfter(cutoff)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Marks sessions whose socket died without a close event as detached from now. */
  public void detachDeadConnections() {
    Instant now = clock.instant();
    for (Session s : sessions.values()) {
      if (s.connection() != null && !s.connection().isOpen()) {
        currentByConnection.remove(s.connection());
        s.detach(now);
      }
    }
  }

  @Override
  public void emit(MediaObject source, String eventType, ObjectNode data) {
    List<Subscription> subs = subscriptionsByObject.get(source.id());
    if (subs == null) {
      return;
    }
    Set<Session> targets = new LinkedHashSet<>();
    for (Subscription sub : subs) {
      if (sub.eventType().equals(eventType)) {
        Session s = sessions.get(sub.sessionId());
        if (s != null && s.attached()) {
          targets.add(s);
        }
      }
    }
    if (targets.isEmpty()) {
      return;
    }
    ObjectNode value = Json.object();
    value.set("data", data);
    value.put("object", source.id());
    value.put("type", eventType);
    ObjectNode message = Json.object().put("jsonrpc", "2.0").put("method", "onEvent");
    message.set("params", Json.object().set("value", value));
    String text = message.toString();
    targets.forEach(s -> s.connection().send(text));
  }
}
