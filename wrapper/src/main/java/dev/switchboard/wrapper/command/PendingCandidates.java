package dev.switchboard.wrapper.command;

import dev.switchboard.wrapper.session.ParticipantRecord;
import dev.switchboard.wrapper.session.PendingCandidate;
import dev.switchboard.wrapper.session.SessionStore;
import java.util.List;
import org.kurento.client.IceCandidate;
import org.kurento.client.WebRtcEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies the candidates that arrived before their endpoint existed, then drops them from the
 * document; stateless.
 *
 * <p>Why none is lost: the candidate handler stores a candidate and then looks for the endpoint;
 * whoever stores an endpoint then reads the stored candidates here. Whichever write comes second
 * sees the first, so every candidate is applied at least once (twice is harmless).
 */
@Component
public class PendingCandidates {
  private static final Logger log = LoggerFactory.getLogger(PendingCandidates.class);

  private final SessionStore store;

  public PendingCandidates(SessionStore store) {
    this.store = store;
  }

  public void apply(String sessionId, String participantId, String target, WebRtcEndpoint endpoint) {
    List<PendingCandidate> pending = store.findRecord(sessionId)
        .flatMap(session -> session.participant(participantId))
        .map(ParticipantRecord::pendingCandidates)
        .orElse(List.of())
        .stream()
        .filter(candidate -> candidate.target().equals(target))
        .toList();
    if (pending.isEmpty()) {
      return;
    }
    for (PendingCandidate candidate : pending) {
      endpoint.addIceCandidate(new IceCandidate(candidate.candidate(), candidate.sdpMid(), candidate.sdpMLineIndex()));
    }
    store.removePendingCandidates(sessionId, participantId, target,
        pending.stream().map(PendingCandidate::candidate).toList());
    log.debug("Applied {} pending candidates of {} for {}", pending.size(), participantId, target);
  }
}
