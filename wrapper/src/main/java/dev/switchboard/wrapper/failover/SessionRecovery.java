package dev.switchboard.wrapper.failover;

import dev.switchboard.wrapper.config.FailoverProperties;
import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.logging.LogContext;
import dev.switchboard.wrapper.media.KurentoRef;
import dev.switchboard.wrapper.media.MediaReleaser;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.media.MediaServerUnavailableException;
import dev.switchboard.wrapper.session.LossNotice;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.session.SessionBindings;
import dev.switchboard.wrapper.session.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.kurento.client.MediaPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves one session off a lost, restarted or drained media server, exactly once however many
 * instances race: claim (compare-and-set on {@code epoch}, a {@code recovery} marker that a
 * stale claim may take over), choose a server, create the pipeline first, then rebind
 * (compare-and-set on {@code epoch}, endpoints forgotten), then tell everyone with
 * {@code MediaServerLost}, and the application with the {@code mediaServerLost} webhook. Stateless;
 * thread-safe; blocking (callers run it on virtual threads).
 *
 * <p>The rebind writes the notice it owes into the session document in the same update
 * ({@link LossNotice}); the instance whose rebind won sends it at once and removes it. Should that
 * instance die in between, or the broker refuse, another instance sends it after
 * {@code notice-retry-after} ({@link LossAnnouncer#resendDue}).
 *
 * <p>Metrics: {@code switchboard.recovery.duration{cause, outcome}} from the claim until the
 * clients were told, and {@code switchboard.recovery.detection{cause}} from the moment the
 * failure was noticed (connection event or first failed probe) until the rebind.
 */
@Component
public class SessionRecovery {
  private static final Logger log = LoggerFactory.getLogger(SessionRecovery.class);

  /** What became of one attempt. */
  public enum Outcome {
    /** Bound to a new pipeline and clients told. */
    REBOUND,
    /** No server could take it: the binding is recorded as lost and clients told. */
    BINDING_LOST,
    /** Another instance holds the recovery, or the session had moved already. */
    NOT_CLAIMED,
    /** Another instance rebound it between our claim and our rebind (a stale claim taken over). */
    LOST_RACE
  }

  private final SessionStore store;
  private final SessionBindings bindings;
  private final MediaServerPool pool;
  private final MediaServerPlacement placement;
  private final MediaReleaser releaser;
  private final Clock clock;
  private final String instanceId;
  private final Duration claimTimeout;
  private final MeterRegistry registry;
  private final LossAnnouncer announcer;

  public SessionRecovery(SessionStore store, SessionBindings bindings, MediaServerPool pool, MediaServerPlacement placement,
      MediaReleaser releaser, LossAnnouncer announcer, Clock clock, WrapperProperties properties,
      FailoverProperties failover, MeterRegistry registry) {
    this.announcer = announcer;
    this.store = store;
    this.bindings = bindings;
    this.pool = pool;
    this.placement = placement;
    this.releaser = releaser;
    this.clock = clock;
    this.instanceId = properties.instanceId();
    this.claimTimeout = failover.recoveryClaimTimeout();
    this.registry = registry;
    // The successful series exist (at zero) from the start, so dashboards and rate() see them
    // before the first failover; the rarer outcomes appear when they first happen.
    for (RecoveryCause cause : RecoveryCause.values()) {
      recoveryTimer(cause, Outcome.REBOUND.name().toLowerCase(java.util.Locale.ROOT));
      registry.timer("switchboard.recovery.detection", "cause", cause.tag());
    }
  }

  private Timer recoveryTimer(RecoveryCause cause, String outcome) {
    return Timer.builder("switchboard.recovery.duration")
        .description("From the claim of a session's recovery until its clients were told")
        .tag("cause", cause.tag()).tag("outcome", outcome).register(registry);
  }

  /**
   * Recovers {@code seen} (as read when the loss was noticed) from {@code lostServer}. A
   * session that has moved since, or whose recovery another instance holds, is left alone.
   */
  public Outcome recover(SessionRecord seen, String lostServer, RecoveryCause cause, Instant noticedAt) {
    try (LogContext _ = LogContext.session(seen.id())) {
      Optional<SessionRecord> claimed = bindings.claimRecovery(seen.id(), seen.epoch(), lostServer, instanceId,
          clock.instant().minus(claimTimeout));
      if (claimed.isEmpty()) {
        log.debug("Recovery of session {} from {} is not ours (moved already or claimed by another instance)",
            seen.id(), lostServer);
        return Outcome.NOT_CLAIMED;
      }
      Timer.Sample sample = Timer.start(registry);
      String outcomeTag = "failed";
      try {
        Outcome outcome = rebind(claimed.get(), lostServer, cause, noticedAt);
        outcomeTag = outcome.name().toLowerCase(java.util.Locale.ROOT);
        return outcome;
      } catch (RuntimeException e) {
        // Let another attempt (this instance's next probe, or another instance) start at once.
        bindings.releaseRecovery(seen.id(), instanceId);
        log.warn("Recovery of session {} from {} failed: {}", seen.id(), lostServer, e.toString());
        throw e;
      } finally {
        sample.stop(recoveryTimer(cause, outcomeTag));
      }
    }
  }

  /**
   * For an offer or a join that finds the session without a pipeline (its binding was lost and
   * no server could take it then): binds it now, the dropped server first if it is usable again.
   * Throws {@link MediaServerUnavailableException} while no server can take it (the document is
   * left alone, so that retries do not notify clients again and again), and
   * {@link IllegalStateException} ("try again") while another instance is rebinding it.
   */
  public void restoreBinding(String sessionId) {
    Optional<SessionRecord> found = store.findRecord(sessionId);
    if (found.isEmpty() || found.get().pipeline() != null) {
      return;
    }
    SessionRecord seen = found.get();
    placement.choose(seen.mediaServer(), Set.of());
    Outcome outcome = recover(seen, seen.mediaServer(), RecoveryCause.LOST, clock.instant());
    if (outcome == Outcome.REBOUND) {
      return;
    }
    if (store.findRecord(sessionId).map(SessionRecord::pipeline).isPresent()) {
      return; // another instance bound it meanwhile
    }
    if (outcome == Outcome.BINDING_LOST) {
      throw new MediaServerUnavailableException("No media server could take session " + sessionId);
    }
    throw new IllegalStateException("Session " + sessionId + " is being rebound by another instance");
  }

  private Outcome rebind(SessionRecord claimed, String lostServer, RecoveryCause cause, Instant noticedAt) {
    String sessionId = claimed.id();
    String server = chooseServer(lostServer, cause);
    MediaPipeline pipeline = null;
    if (server != null) {
      try {
        pipeline = pool.client(server).createMediaPipeline();
      } catch (RuntimeException e) {
        log.warn("Could not create a pipeline on media server {} for session {}: {}", server, sessionId, e.toString());
        server = null;
      }
    }
    KurentoRef ref = pipeline == null ? null : new KurentoRef(server, pipeline.getId());
    // With no server the session stays attached to the dropped one: that is the one to try first later.
    LossNotice notice = announcer.noticeOf(claimed.epoch() + 1, lostServer, server, cause,
        reason(lostServer, cause, server));
    Optional<SessionRecord> rebound = bindings.rebindAfterLoss(sessionId, claimed.epoch(),
        server == null ? lostServer : server, ref, notice);
    if (rebound.isEmpty()) {
      log.info("Session {} was rebound by another instance meanwhile; releasing pipeline {}", sessionId,
          pipeline == null ? "-" : pipeline.getId());
      if (pipeline != null) {
        releaser.release(pipeline);
      }
      return Outcome.LOST_RACE;
    }
    Instant boundAt = clock.instant();
    long epoch = rebound.get().epoch();
    registry.timer("switchboard.recovery.detection", "cause", cause.tag())
        .record(Duration.between(noticedAt, boundAt).toNanos(), TimeUnit.NANOSECONDS);
    announcer.announce(sessionId, notice);
    Instant toldAt = clock.instant();
    if (claimed.pipeline() != null && !claimed.pipeline().server().equals(server)) {
      releaseOld(claimed.pipeline(), cause);
    }
    log.info("Recovered session {}: failed server {}, cause {}, noticed at {}, new pipeline bound after {} ms and "
            + "clients told after {} ms, new server {}, epoch {}", sessionId, lostServer, cause.tag(), noticedAt,
        Duration.between(noticedAt, boundAt).toMillis(), Duration.between(noticedAt, toldAt).toMillis(),
        server == null ? "none (binding lost)" : server, epoch);
    return server == null ? Outcome.BINDING_LOST : Outcome.REBOUND;
  }

  /** The dropped server again if it is usable (restart in place, or a lost binding), else the least loaded. */
  private String chooseServer(String lostServer, RecoveryCause cause) {
    try {
      return cause == RecoveryCause.DRAINED
          ? placement.choose(null, Set.of(lostServer))
          : placement.choose(lostServer, Set.of());
    } catch (MediaServerUnavailableException e) {
      log.warn("No media server can take the session now: {}", e.getMessage());
      return null;
    }
  }

  /**
   * The old pipeline, and its endpoints with it: released on a drained server (still alive), and
   * best effort elsewhere (a server that only seemed lost would otherwise keep it).
   */
  private void releaseOld(KurentoRef old, RecoveryCause cause) {
    if (cause == RecoveryCause.DRAINED) {
      releaser.release(old, MediaPipeline.class);
    } else {
      Thread.ofVirtual().name("release-" + old.id()).start(() -> releaser.release(old, MediaPipeline.class));
    }
  }

  private static String reason(String lostServer, RecoveryCause cause, String server) {
    String what = switch (cause) {
      case LOST -> "media server " + lostServer + " was lost";
      case RESTARTED -> "media server " + lostServer + " restarted and lost the session's media";
      case DRAINED -> "media server " + lostServer + " is being drained";
    };
    return server == null ? what + "; no media server is available yet" : what + "; the session moved to " + server;
  }
}
