package dev.switchboard.wrapper.media;

import dev.switchboard.contracts.messages.IceCandidateFound;
import dev.switchboard.wrapper.logging.LogContext;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kurento.client.IceCandidate;
import org.kurento.client.IceCandidateFoundEvent;
import org.kurento.client.WebRtcEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Forwards the media server's ICE candidates of an endpoint to the participant it belongs to,
 * as {@code IceCandidateFound{target, ...}}; thread-safe (concurrent sets; events arrive on the
 * Kurento client's threads).
 *
 * <p>The instance that negotiates an endpoint subscribes just before {@code processOffer}: the
 * server emits candidates only after {@code gatherCandidates}, which that same instance calls, so
 * no candidate is missed, and an endpoint created by one instance (a publisher made on demand
 * for a receiver) but negotiated by another is not relayed twice. Each instance subscribes to a
 * given endpoint at most once.
 */
@Component
public class IceCandidateRelay {
  private static final Logger log = LoggerFactory.getLogger(IceCandidateRelay.class);

  private final ParticipantPublisher publisher;
  /** Endpoint ids this instance relays, per session, so a session's entries go when it ends. */
  private final Map<String, Set<String>> relayed = new ConcurrentHashMap<>();

  public IceCandidateRelay(ParticipantPublisher publisher) {
    this.publisher = publisher;
  }

  /**
   * Relays the candidates of {@code participantId}'s connection {@code target} (its publisher
   * when target is itself, else its receiver of target's media).
   */
  public void relay(String sessionId, String participantId, String target, WebRtcEndpoint endpoint) {
    Set<String> endpoints = relayed.computeIfAbsent(sessionId, sid -> ConcurrentHashMap.newKeySet());
    if (!endpoints.add(endpoint.getId())) {
      return;
    }
    try {
      endpoint.addIceCandidateFoundListener(event -> forward(sessionId, participantId, target, event));
    } catch (RuntimeException e) {
      endpoints.remove(endpoint.getId());
      throw e;
    }
  }

  public void forget(String sessionId, String endpointId) {
    Set<String> endpoints = relayed.get(sessionId);
    if (endpoints != null) {
      endpoints.remove(endpointId);
    }
  }

  public void forget(String sessionId) {
    relayed.remove(sessionId);
  }

  private void forward(String sessionId, String participantId, String target, IceCandidateFoundEvent event) {
    try (LogContext _ = LogContext.participant(sessionId, participantId)) {
      IceCandidate candidate = event.getCandidate();
      publisher.toParticipant(participantId, new IceCandidateFound(target, candidate.getCandidate(),
          candidate.getSdpMid(), candidate.getSdpMLineIndex()));
    } catch (RuntimeException e) {
      // An event cannot be redelivered; the answer's SDP usually carries the candidates too.
      log.warn("Could not forward an ICE candidate of {} to {}: {}", target, participantId, e.toString());
    }
  }
}
