package dev.switchboard.wrapper.session;

import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.logging.LogContext;
import dev.switchboard.wrapper.media.EndpointSubscriptions;
import dev.switchboard.wrapper.media.WatchedEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.kurento.client.WebRtcEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Keeps endpoint event subscriptions alive across wrapper deaths: beats this instance's heartbeat,
 * looks for instances whose heartbeat stopped, claims one such document with a compare-and-set,
 * subscribes to its endpoints that still exist, and on start subscribes again to what this
 * instance id recorded before a restart (its old Kurento session, and with it the subscriptions,
 * is gone). Scheduled tasks run on the scheduler's threads; {@link #scan()} and
 * {@link #heartbeat()} may also be called directly (tests).
 *
 * <p>Metrics: {@code switchboard.wrapper.takeovers} (one per dead instance taken over) and
 * {@code switchboard.wrapper.takeover.endpoints} (endpoints subscribed again by takeovers).
 */
@Component
public class SubscriptionTakeover implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SubscriptionTakeover.class);
  public static final String TAKEOVERS = "switchboard.wrapper.takeovers";
  public static final String TAKEOVER_ENDPOINTS = "switchboard.wrapper.takeover.endpoints";

  private final SubscriptionLedger ledger;
  private final SessionStore store;
  private final EndpointSubscriptions subscriptions;
  private final TaskScheduler scheduler;
  private final Clock clock;
  private final MeterRegistry registry;
  private final WrapperProperties properties;
  private volatile ScheduledFuture<?> heartbeats;
  private volatile ScheduledFuture<?> scans;
  private volatile boolean ownResubscribed;

  public SubscriptionTakeover(SubscriptionLedger ledger, SessionStore store, EndpointSubscriptions subscriptions,
      TaskScheduler scheduler, Clock clock, MeterRegistry registry, WrapperProperties properties) {
    this.ledger = ledger;
    this.store = store;
    this.subscriptions = subscriptions;
    this.scheduler = scheduler;
    this.clock = clock;
    this.registry = registry;
    this.properties = properties;
    // Present (at zero) before the first takeover, for dashboards.
    registry.counter(TAKEOVERS);
    registry.counter(TAKEOVER_ENDPOINTS);
  }

  @Override
  public void start() {
    heartbeatQuietly();
    resubscribeOwnQuietly();
    heartbeats = scheduler.scheduleWithFixedDelay(this::heartbeatQuietly, properties.heartbeatInterval());
    scans = scheduler.scheduleWithFixedDelay(this::scanQuietly, properties.takeoverScanInterval());
  }

  /**
   * A graceful stop hands this instance's subscriptions over at once: the media objects stay
   * alive (the client never sends closeSession) and a survivor subscribes within one scan.
   */
  @Override
  public void stop() {
    stopHeartbeat();
    ScheduledFuture<?> scanning = scans;
    if (scanning != null) {
      scanning.cancel(false);
      scans = null;
    }
    try {
      ledger.resign();
    } catch (RuntimeException e) {
      log.warn("Could not hand this instance's subscriptions over on stop; survivors take them after the heartbeat timeout: {}",
          e.toString());
    }
  }

  /** Stops beating only, as a frozen or dying instance would (tests use it to play dead). */
  public void stopHeartbeat() {
    ScheduledFuture<?> beating = heartbeats;
    if (beating != null) {
      beating.cancel(false);
      heartbeats = null;
    }
  }

  @Override
  public boolean isRunning() {
    return heartbeats != null || scans != null;
  }

  public void heartbeat() {
    ledger.heartbeat();
  }

  /** Takes over every instance found dead; returns how many this instance claimed. */
  public int scan() {
    Instant now = clock.instant();
    Duration timeout = properties.heartbeatTimeout();
    int taken = 0;
    for (SubscriptionLedger.Stale stale : ledger.staleBefore(now.minus(timeout))) {
      List<WatchedEndpoint> entries = ledger.claim(stale, now.minus(timeout));
      if (entries == null) {
        continue;
      }
      int subscribed = resubscribe(entries);
      ledger.release(stale.instanceId());
      taken++;
      Duration silence = Duration.between(stale.heartbeatAt().toInstant(), clock.instant());
      registry.counter(TAKEOVERS).increment();
      registry.counter(TAKEOVER_ENDPOINTS).increment(subscribed);
      log.info("Took over the endpoint subscriptions of dead instance {}: {} of {} endpoints still exist, {} ms after"
          + " its last heartbeat", stale.instanceId(), subscribed, entries.size(), silence.toMillis());
    }
    return taken;
  }

  private void resubscribeOwn() {
    List<WatchedEndpoint> own = ledger.ownUnclaimed();
    if (!own.isEmpty()) {
      int subscribed = resubscribe(own);
      log.info("Subscribed again to {} of the {} endpoints this instance recorded before its restart", subscribed,
          own.size());
    }
  }

  /** Subscribes to each entry whose endpoint the session document still holds; returns how many. */
  private int resubscribe(List<WatchedEndpoint> entries) {
    int subscribed = 0;
    for (WatchedEndpoint entry : entries) {
      try (LogContext _ = LogContext.participant(entry.sessionId(), entry.participantId())) {
        WebRtcEndpoint endpoint = store.findLive(entry.sessionId())
            .flatMap(session -> session.participant(entry.participantId()))
            .map(participant -> participant.endpointFor(entry.target()))
            .filter(found -> found.getId().equals(entry.endpointId()))
            .orElse(null);
        if (endpoint == null) {
          ledger.forgetEntry(entry);
          continue;
        }
        subscriptions.subscribe(entry.sessionId(), entry.participantId(), entry.target(), endpoint);
        subscribed++;
      } catch (RuntimeException e) {
        // Its media server may be down; the media-server recovery clears such endpoints anyway.
        log.warn("Could not subscribe again to endpoint {} of {}: {}", entry.endpointId(), entry.participantId(),
            e.toString());
      }
    }
    return subscribed;
  }

  private void heartbeatQuietly() {
    try {
      heartbeat();
    } catch (RuntimeException e) {
      log.warn("Heartbeat failed: {}", e.toString());
    }
  }

  /** Until it has worked once (MongoDB may be unreachable at start), each scan tries again. */
  private void resubscribeOwnQuietly() {
    try {
      resubscribeOwn();
      ownResubscribed = true;
    } catch (RuntimeException e) {
      log.warn("Could not subscribe again to this instance's recorded endpoints: {}", e.toString());
    }
  }

  private void scanQuietly() {
    if (!ownResubscribed) {
      resubscribeOwnQuietly();
    }
    try {
      scan();
    } catch (RuntimeException e) {
      log.warn("Looking for dead instances failed: {}", e.toString());
    }
  }
}
