package dev.switchboard.medianode.session;

import dev.switchboard.medianode.objects.MediaObject;
import dev.switchboard.medianode.objects.ObjectRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases what no session holds any more, as KMS's {@code MediaSet} does: a session that has had
 * no socket for a whole garbage-collection period is dropped, and so is every object that only it
 * referenced (directly or through an ancestor); {@code closeSession} does the same at once.
 * Confined to the control thread.
 */
public final class GarbageCollector {
  private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);

  private final SessionRegistry sessions;
  private final ObjectRegistry objects;
  private final Duration period;

  public GarbageCollector(SessionRegistry sessions, ObjectRegistry objects, Duration period) {
    this.sessions = sessions;
    this.objects = objects;
    this.period = period;
  }

  public Duration period() {
    return period;
  }

  /** One collection pass; returns how many sessions it dropped. */
  public int sweep() {
    sessions.detachDeadConnections();
    List<Session> expired = sessions.expired(period);
    for (Session s : expired) {
      int before = objects.size();
      close(s);
      log.info("Session {} had no client for {} s: dropped, {} objects released", s.id(), period.toSeconds(),
          before - objects.size());
    }
    return expired.size();
  }

  /** Drops the session now and releases every object nobody else holds. */
  public void close(Session session) {
    for (String id : sessions.remove(session)) {
      MediaObject o = objects.find(id).orElse(null);
      if (o != null && o.collectable() && !sessions.isHeld(o)) {
        objects.release(o);
      }
    }
  }
}
