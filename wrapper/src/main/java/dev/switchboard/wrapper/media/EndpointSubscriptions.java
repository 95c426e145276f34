package dev.switchboard.wrapper.media;

import dev.switchboard.contracts.messages.IceCandidateFound;
import dev.switchboard.wrapper.logging.LogContext;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import dev.switchboard.wrapper.session.SubscriptionLedger;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kurento.client.ConnectionState;
import org.kurento.client.IceCandidate;
import org.kurento.client.IceCandidateFoundEvent;
import org.kurento.client.IceComponentState;
import org.kurento.client.MediaFlowState;
import org.kurento.client.MediaType;
import org.kurento.client.WebRtcEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Subscribes to the events of an endpoint and acts on them: its ICE candidates go to the
 * participant it belongs to as {@code IceCandidateFound{target, ...}}, its connection state,
 * ICE state and (for a publisher) incoming media flow go to the {@link ConnectionLossWatch};
 * thread-safe (concurrent sets; events arrive on the Kurento client's threads).
 *
 * <p>The instance that negotiates an endpoint subscribes just before {@code processOffer}: the
 * server emits candidates only after {@code gatherCandidates}, which that same instance calls, so
 * no candidate is missed, and an endpoint created by one instance (a publisher made on demand
 * for a receiver) but negotiated by another is not relayed twice. Each instance subscribes to a
 * given endpoint at most once, and records it in its {@link SubscriptionLedger} first, so that if
 * this instance dies another one takes the subscription over.
 */
@Component
public class EndpointSubscriptions {
  private static final Logger log = LoggerFactory.getLogger(EndpointSubscriptions.class);

  private final ParticipantPublisher publisher;
  private final ConnectionLossWatch watch;
  private final SubscriptionLedger ledger;
  /** Endpoint ids this instance subscribes to, per session, so a session's entries go when it ends. */
  private final Map<String, Set<String>> subscribed = new ConcurrentHashMap<>();

  public EndpointSubscriptions(ParticipantPublisher publisher, ConnectionLossWatch watch, SubscriptionLedger ledger) {
    this.publisher = publisher;
    this.watch = watch;
    this.ledger = ledger;
  }

  /**
   * Subscribes to the events of {@code participantId}'s connection {@code target} (its publisher
   * when target is itself, else its receiver of target's media); does nothing when this instance
   * subscribed already.
   */
  public void subscribe(String sessionId, String participantId, String target, WebRtcEndpoint endpoint) {
    Set<String> endpoints = subscribed.computeIfAbsent(sessionId, sid -> ConcurrentHashMap.newKeySet());
    if (!endpoints.add(endpoint.getId())) {
      return;
    }
    WatchedEndpoint watched = new WatchedEndpoint(sessionId, participantId, target, endpoint.getId());
    try {
      ledger.record(watched);
      endpoint.addIceCandidateFoundListener(event -> forward(watched, event));
      endpoint.addConnectionStateChangedListener(event -> connection(watched, event.getNewState()));
      endpoint.addIceComponentStateChangedListener(event -> ice(watched, event.getState()));
      if (watched.publishing()) {
        endpoint.addMediaFlowInStateChangedListener(event -> flowIn(watched, event.getMediaType(), event.getState()));
      }
    } catch (RuntimeException e) {
      endpoints.remove(endpoint.getId());
      throw e;
    }
  }

  public boolean isSubscribed(String sessionId, String endpointId) {
    Set<String> endpoints = subscribed.get(sessionId);
    return endpoints != null && endpoints.contains(endpointId);
  }

  /** The endpoint was released: its events end, and so does what this instance knows of it. */
  public void forget(String sessionId, String endpointId) {
    Set<String> endpoints = subscribed.get(sessionId);
    if (endpoints != null) {
      endpoints.remove(endpointId);
    }
    watch.forget(endpointId);
    ledger.forget(endpointId);
  }

  /** The session ended. */
  public void forget(String sessionId) {
    subscribed.remove(sessionId);
    watch.forgetSession(sessionId);
    ledger.forgetSession(sessionId);
  }

  private void connection(WatchedEndpoint endpoint, ConnectionState state) {
    if (state == ConnectionState.DISCONNECTED) {
      watch.lost(endpoint, "connection", "connection disconnected");
    } else if (state == ConnectionState.CONNECTED) {
      watch.recovered(endpoint, "connection");
    }
  }

  private void ice(WatchedEndpoint endpoint, IceComponentState state) {
    if (state == IceComponentState.FAILED) {
      watch.lost(endpoint, "ice", "ICE failed");
    } else if (state == IceComponentState.CONNECTED || state == IceComponentState.READY) {
      watch.recovered(endpoint, "ice");
    }
  }

  private void flowIn(WatchedEndpoint endpoint, MediaType mediaType, MediaFlowState state) {
    String condition = "flow-in " + mediaType;
    if (state == MediaFlowState.NOT_FLOWING) {
      watch.lost(endpoint, condition, "no " + String.valueOf(mediaType).toLowerCase(java.util.Locale.ROOT) + " received");
    } else if (state == MediaFlowState.FLOWING) {
      watch.recovered(endpoint, condition);
    }
  }

  private void forward(WatchedEndpoint endpoint, IceCandidateFoundEvent event) {
    try (LogContext _ = LogContext.participant(endpoint.sessionId(), endpoint.participantId())) {
      IceCandidate candidate = event.getCandidate();
      publisher.toParticipant(endpoint.participantId(), new IceCandidateFound(endpoint.target(),
          candidate.getCandidate(), candidate.getSdpMid(), candidate.getSdpMLineIndex()));
    } catch (RuntimeException e) {
      // An event cannot be redelivered; the answer's SDP usually carries the candidates too.
      log.warn("Could not forward an ICE candidate of {} to {}: {}", endpoint.target(), endpoint.participantId(),
          e.toString());
    }
  }
}
