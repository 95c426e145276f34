package dev.switchboard.wrapper.failover;

import dev.switchboard.wrapper.config.FailoverProperties;
import dev.switchboard.wrapper.media.MediaServerEvents;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.session.SessionBindings;
import dev.switchboard.wrapper.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Notices lost, restarted and hung media servers within a second or two and starts the recovery
 * of their sessions. Two sources: the Kurento client's connection events, and a probe of every
 * pool member (configured or discovered, as the pool lists them now) each {@code probeInterval}
 * that lists its pipelines within {@code mediaServerProbeTimeout}. Every instance probes; the session store decides which one
 * recovers a session. Each round also restores lost bindings and sends the notices of moves whose
 * sender did not finish ({@link LossAnnouncer#resendDue}).
 *
 * <p>Threading: one scheduler thread only launches work; probes, recoveries and the handling of
 * connection events run on virtual threads, so that a hung host blocks nothing. A server has at
 * most one probe in flight and a session at most one recovery per instance.
 */
@Component
public class MediaServerMonitor implements SmartLifecycle, MediaServerEvents {
  private static final Logger log = LoggerFactory.getLogger(MediaServerMonitor.class);

  private final MediaServerPool pool;
  private final SessionStore store;
  private final SessionBindings bindings;
  private final ServerHealthBoard health;
  private final SessionRecovery recovery;
  private final LossAnnouncer announcer;
  private final Clock clock;
  private final Duration probeInterval;
  private final Duration probeTimeout;
  private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<String> probing = ConcurrentHashMap.newKeySet();
  private final Set<String> recovering = ConcurrentHashMap.newKeySet();
  /** Servers whose client reported a new server session (restart in place) and when. */
  private final Map<String, Instant> restarted = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicBoolean restoring = new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicBoolean resending = new java.util.concurrent.atomic.AtomicBoolean();
  /** Notices become due {@code notice-retry-after} after a move: looking twice as often is enough. */
  private final Duration resendInterval;
  private volatile Instant nextResend = Instant.MIN;
  private ScheduledExecutorService scheduler;
  private volatile boolean running;

  public MediaServerMonitor(MediaServerPool pool, SessionStore store, SessionBindings bindings, ServerHealthBoard health,
      SessionRecovery recovery, LossAnnouncer announcer, Clock clock, FailoverProperties failover) {
    this.announcer = announcer;
    this.pool = pool;
    this.store = store;
    this.bindings = bindings;
    this.health = health;
    this.recovery = recovery;
    this.clock = clock;
    this.probeInterval = failover.probeInterval();
    this.probeTimeout = pool.probeTimeout();
    this.resendInterval = failover.noticeRetryAfter().dividedBy(2);
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    pool.listen(this);
    scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("media-probe").factory());
    long millis = Math.max(50, probeInterval.toMillis());
    scheduler.scheduleWithFixedDelay(this::probeAll, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    running = false;
    pool.listen(MediaServerEvents.NONE);
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    work.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  // ---- connection events (Kurento client threads: hand over at once)

  @Override
  public void disconnected(String serverId) {
    Instant noticed = clock.instant();
    submit(() -> serverFailed(serverId, noticed, "connection lost"));
  }

  @Override
  public void reconnected(String serverId, boolean sameServer) {
    Instant noticed = clock.instant();
    if (!sameServer) {
      restarted.put(serverId, noticed);
    }
    health.succeeded(serverId);
    if (!sameServer) {
      // Objects are gone: the probe finds which stored pipelines are missing and recovers them.
      submit(() -> probe(serverId, noticed));
    }
  }

  // ---- probes

  /** Runs the probe of every server whose previous probe has finished. */
  void probeAll() {
    if (!running) {
      return;
    }
    Instant noticed = clock.instant();
    if (restoring.compareAndSet(false, true)) {
      submit(() -> {
        try {
          restoreLostBindings();
        } finally {
          restoring.set(false);
        }
      });
    }
    if (!noticed.isBefore(nextResend) && resending.compareAndSet(false, true)) {
      nextResend = noticed.plus(resendInterval);
      submit(() -> {
        try {
          announcer.resendDue();
        } finally {
          resending.set(false);
        }
      });
    }
    List<String> members = pool.serverIds();
    restarted.keySet().retainAll(members); // discovered servers leave the pool
    for (String serverId : members) {
      if (probing.add(serverId)) {
        submit(() -> {
          try {
            probe(serverId, noticed);
          } finally {
            probing.remove(serverId);
          }
        });
      }
    }
  }

  /**
   * Reads the sessions bound to the server FIRST, then the server's pipelines: a session created
   * between the two reads is then missing from the first, never falsely missing from the second.
   */
  void probe(String serverId, Instant noticed) {
    // Ids only: the whole documents are read for the (rare) sessions whose pipeline is missing.
    Map<String, String> bound = bindings.pipelinesBoundTo(serverId);
    Set<String> pipelines;
    Future<Set<String>> answer = work.submit(() -> pool.pipelineIds(serverId));
    try {
      pipelines = answer.get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      serverFailed(serverId, noticed, "no answer to the probe within " + probeTimeout);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      serverFailed(serverId, noticed, "probe failed: " + rootMessage(e));
      return;
    }
    health.succeeded(serverId);
    List<String> missingIds = bound.entrySet().stream().filter(e -> !pipelines.contains(e.getValue()))
        .map(Map.Entry::getKey).toList();
    // Re-read: a session rebound meanwhile has another pipeline now, and is not missing any more.
    List<SessionRecord> missing = store.findRecords(missingIds).stream()
        .filter(session -> serverId.equals(session.mediaServer()) && session.pipeline() != null
            && !pipelines.contains(session.pipeline().id()))
        .toList();
    if (!missing.isEmpty()) {
      log.warn("Media server {} answers but no longer holds the pipelines of {} session(s)", serverId, missing.size());
      Instant since = restarted.getOrDefault(serverId, noticed);
      missing.forEach(session -> recoverAsync(session, serverId, RecoveryCause.RESTARTED, since));
    }
  }

  /**
   * Sessions whose binding was lost (no server could take them) are bound again as soon as a
   * server can take them, the dropped one first, and their clients told; without this they
   * would wait for the next offer or join. While no server can take them nothing is written.
   */
  private void restoreLostBindings() {
    for (SessionRecord session : bindings.findBindingLost()) {
      if (!recovering.add(session.id())) {
        continue;
      }
      try {
        recovery.restoreBinding(session.id());
      } catch (RuntimeException e) {
        log.debug("Session {} stays without a pipeline for now: {}", session.id(), e.getMessage());
      } finally {
        recovering.remove(session.id());
      }
    }
  }

  /**
   * A failed server: recover every session bound to it since before this instance noticed the
   * outage (claims already taken make repeats cheap; later bindings belong to instances that saw
   * the server healthy).
   */
  private void serverFailed(String serverId, Instant noticed, String why) {
    if (!pool.serverIds().contains(serverId)) {
      return; // it left the pool meanwhile (discovery drops a server only once nothing is bound to it)
    }
    health.failed(serverId, why);
    Instant since = health.unhealthySince(serverId);
    Instant firstNoticed = since == null ? noticed : since;
    for (SessionRecord session : bindings.findBoundTo(serverId, firstNoticed)) {
      recoverAsync(session, serverId, RecoveryCause.LOST, firstNoticed);
    }
  }

  /** Recovers on a virtual thread unless this instance is at it already. */
  void recoverAsync(SessionRecord session, String serverId, RecoveryCause cause, Instant noticed) {
    if (!recovering.add(session.id())) {
      return;
    }
    submit(() -> {
      try {
        recovery.recover(session, serverId, cause, noticed);
      } finally {
        recovering.remove(session.id());
      }
    });
  }

  /**
   * Moves every session off a drained server (cause "drained"), in parallel, and waits up to
   * {@code timeout} for them; returns how many were rebound by this call.
   */
  public int moveSessions(String serverId, Duration timeout) {
    Instant noticed = clock.instant();
    List<Future<SessionRecovery.Outcome>> moves = new ArrayList<>();
    for (SessionRecord session : bindings.findBoundTo(serverId)) {
      moves.add(work.submit(() -> recovery.recover(session, serverId, RecoveryCause.DRAINED, noticed)));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    int moved = 0;
    for (Future<SessionRecovery.Outcome> move : moves) {
      try {
        if (move.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) == SessionRecovery.Outcome.REBOUND) {
          moved++;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        log.warn("Moving a session off drained media server {} failed: {}", serverId, rootMessage(e));
      }
    }
    return moved;
  }

  private void submit(Runnable task) {
    if (!running) {
      return;
    }
    try {
      work.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          log.warn("Media-server monitoring task failed: {}", e.toString());
          log.debug("Failure", e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }
}
