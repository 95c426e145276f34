package dev.switchboard.wrapper.media;

import dev.switchboard.contracts.messages.ConnectionFailed;
import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.logging.LogContext;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Decides when a client's connection counts as failed: an endpoint that reports a loss (connection
 * DISCONNECTED, ICE FAILED, a publisher's incoming media NOT_FLOWING) and does not recover within
 * {@code connection-loss-grace} gets one {@code ConnectionFailed(target, reason)} sent to its
 * participant; thread-safe (each endpoint's state is guarded by its own monitor; events arrive on
 * the Kurento client's threads, {@link #sweep()} on the scheduler's).
 *
 * <p>Time comes from the injected clock and notices go out from {@link #sweep()}, so tests move
 * the clock and call it instead of sleeping. A loss notice is sent once per loss: only a full
 * recovery (every lost condition cleared) re-arms it, and cancels a notice still pending.
 */
@Component
public class ConnectionLossWatch {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLossWatch.class);

  private final ParticipantPublisher publisher;
  private final Clock clock;
  private final Duration grace;
  private final Map<String, EndpointState> endpoints = new ConcurrentHashMap<>();

  public ConnectionLossWatch(ParticipantPublisher publisher, Clock clock, WrapperProperties properties) {
    this.publisher = publisher;
    this.clock = clock;
    this.grace = properties.connectionLossGrace();
  }

  /** {@code condition} (e.g. "connection", "ice", "flow-in VIDEO") of the endpoint is now lost. */
  public void lost(WatchedEndpoint endpoint, String condition, String reason) {
    state(endpoint).lost(condition, reason, clock.instant());
  }

  /** {@code condition} of the endpoint is fine again. */
  public void recovered(WatchedEndpoint endpoint, String condition) {
    EndpointState state = endpoints.get(endpoint.endpointId());
    if (state != null) {
      state.recovered(condition);
    }
  }

  public void forget(String endpointId) {
    endpoints.remove(endpointId);
  }

  public void forgetSession(String sessionId) {
    endpoints.values().removeIf(state -> state.endpoint.sessionId().equals(sessionId));
  }

  /** Sends the notices whose grace has passed; scheduled often so a notice is late by little. */
  @Scheduled(fixedDelay = 250)
  public void sweep() {
    Instant now = clock.instant();
    for (EndpointState state : endpoints.values()) {
      String reason = state.due(now, grace);
      if (reason != null) {
        notifyFailed(state.endpoint, reason);
      }
    }
  }

  private void notifyFailed(WatchedEndpoint endpoint, String reason) {
    try (LogContext _ = LogContext.participant(endpoint.sessionId(), endpoint.participantId())) {
      log.info("Connection {} -> {} lost for more than {}: {}", endpoint.participantId(), endpoint.target(), grace, reason);
      publisher.toParticipant(endpoint.participantId(), new ConnectionFailed(endpoint.target(), reason));
    } catch (RuntimeException e) {
      // The participant may have left meanwhile (its queue gone): nobody left to tell.
      log.warn("Could not tell {} that {} failed: {}", endpoint.participantId(), endpoint.target(), e.toString());
    }
  }

  private EndpointState state(WatchedEndpoint endpoint) {
    return endpoints.computeIfAbsent(endpoint.endpointId(), id -> new EndpointState(endpoint));
  }

  /** The lost conditions of one endpoint, since when, and whether the notice went out. */
  private static final class EndpointState {
    final WatchedEndpoint endpoint;
    private final Map<String, String> lostConditions = new TreeMap<>();
    private Instant lostSince;
    private boolean notified;

    EndpointState(WatchedEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    synchronized void lost(String condition, String reason, Instant now) {
      lostConditions.put(condition, reason);
      if (lostSince == null) {
        lostSince = now;
      }
    }

    synchronized void recovered(String condition) {
      lostConditions.remove(condition);
      if (lostConditions.isEmpty()) {
        lostSince = null;
        notified = false;
      }
    }

    /** The reason to notify now, or null; marks the loss as notified. */
    synchronized String due(Instant now, Duration grace) {
      if (lostSince == null || notified || now.isBefore(lostSince.plus(grace))) {
        return null;
      }
      notified = true;
      return String.join(", ", lostConditions.values());
    }
  }
}
