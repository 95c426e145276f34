package dev.switchboard.wrapper.messaging;

import dev.switchboard.contracts.Topology;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.stereotype.Component;

/**
 * Which session queues this instance consumes (through {@link SessionListenerPool}'s containers,
 * whose queue lists change at run time); thread-safe (a private lock orders the changes made by
 * the change-stream watcher's thread and start-up).
 */
@Component
public class SessionQueueConsumers {
  private static final Logger log = LoggerFactory.getLogger(SessionQueueConsumers.class);

  private final SessionListenerPool pool;
  private final RabbitAdmin admin;
  private final Set<String> sessions = new HashSet<>();
  private final ReentrantLock lock = new ReentrantLock();

  public SessionQueueConsumers(SessionListenerPool pool, RabbitAdmin admin) {
    this.pool = pool;
    this.admin = admin;
  }

  /** Starts consuming {@code session.{sid}}; a no-op if already consuming. */
  public void consume(String sessionId) {
    if (!Topology.isValidId(sessionId)) {
      log.warn("Ignoring session id '{}': not a valid queue name part", sessionId);
      return;
    }
    lock.lock();
    try {
      if (!sessions.add(sessionId)) {
        return;
      }
      String queue = Topology.sessionQueue(sessionId);
      try {
        ensureQueue(queue);
        pool.add(queue);
      } catch (RuntimeException e) {
        // Forget it, so that the watcher's retry (it replays the event) tries again.
        sessions.remove(sessionId);
        throw e;
      }
      log.info("Consuming {}", queue);
    } finally {
      lock.unlock();
    }
  }

  /** Stops consuming {@code session.{sid}}; a no-op if not consuming. */
  public void stop(String sessionId) {
    lock.lock();
    try {
      if (!sessions.remove(sessionId)) {
        return;
      }
      String queue = Topology.sessionQueue(sessionId);
      pool.remove(queue);
      log.info("Stopped consuming {}", queue);
    } finally {
      lock.unlock();
    }
  }

  /** Makes the consumed set exactly {@code sessionIds} (start-up reconciliation). */
  public void consumeExactly(Collection<String> sessionIds) {
    Set<String> wanted = new HashSet<>(sessionIds);
    lock.lock();
    try {
      List.copyOf(sessions).stream().filter(sid -> !wanted.contains(sid)).forEach(this::stop);
      wanted.forEach(this::consume);
    } finally {
      lock.unlock();
    }
  }

  public Set<String> consumed() {
    lock.lock();
    try {
      return Set.copyOf(sessions);
    } finally {
      lock.unlock();
    }
  }

  public boolean isConsumingQueue(String queue) {
    return pool.isConsuming(queue);
  }

  /**
   * The api declares each session queue before the session exists. Only if it is gone (it
   * expires after an hour without consumers, e.g. while every wrapper was down) is it declared
   * again here, with the contract's arguments, so the session keeps working.
   */
  private void ensureQueue(String queue) {
    try {
      if (admin.getQueueProperties(queue) == null) {
        admin.declareQueue(new Queue(queue, true, false, false, Topology.sessionQueueArguments()));
        log.warn("Session queue {} was missing; declared it again", queue);
      }
    } catch (RuntimeException e) {
      // The broker may be unreachable right now: the container keeps retrying the consumer.
      log.warn("Could not check session queue {}: {}", queue, e.toString());
    }
  }
}
