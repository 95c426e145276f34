package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.AddIceCandidate;
import dev.switchboard.wrapper.config.SessionLimitsProperties;
import dev.switchboard.wrapper.session.LiveParticipant;
import dev.switchboard.wrapper.session.LiveSession;
import dev.switchboard.wrapper.session.PendingCandidate;
import dev.switchboard.wrapper.session.SessionStore;
import java.util.List;
import org.kurento.client.IceCandidate;
import org.kurento.client.WebRtcEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Adds a browser ICE candidate to the endpoint of its connection, or keeps it in the document
 * until that endpoint exists (a candidate may be handled before its offer). Stateless.
 */
@Component
public class AddIceCandidateHandler implements CommandHandler<AddIceCandidate> {
  private static final Logger log = LoggerFactory.getLogger(AddIceCandidateHandler.class);

  private final SessionStore store;
  private final SessionLimitsProperties limits;

  public AddIceCandidateHandler(SessionStore store, SessionLimitsProperties limits) {
    this.store = store;
    this.limits = limits;
  }

  @Override
  public Class<AddIceCandidate> commandType() {
    return AddIceCandidate.class;
  }

  @Override
  public void handle(AddIceCandidate command) {
    if (command.candidate() == null || command.candidate().isBlank()) {
      // End of candidates: the media server does not need to be told.
      return;
    }
    String sessionId = command.sessionId();
    String participantId = command.participantId();
    String target = command.target();
    WebRtcEndpoint endpoint = endpoint(sessionId, participantId, target);
    if (endpoint != null) {
      endpoint.addIceCandidate(iceCandidate(command));
      return;
    }
    PendingCandidate pending = new PendingCandidate(target, command.candidate(), command.sdpMid(), command.sdpMLineIndex());
    // Read then push: concurrent candidates of one participant may pass the bound by a few, never without end.
    int waiting = store.findRecord(sessionId).flatMap(s -> s.participant(participantId))
        .map(p -> p.pendingCandidates().size()).orElse(0);
    if (waiting >= limits.maxPendingCandidates()) {
      throw new CommandRejectedException("TOO_MANY_CANDIDATES", "Participant " + participantId + " already has "
          + waiting + " candidates waiting for their connections; send the offer first");
    }
    if (!store.addPendingCandidate(sessionId, participantId, pending)) {
      throw CommandRejectedException.unknownParticipant(participantId);
    }
    // The endpoint may have been stored between the first look and the push; its creator then
    // may have read the pending list before the push, so look once more.
    endpoint = endpoint(sessionId, participantId, target);
    if (endpoint != null) {
      endpoint.addIceCandidate(iceCandidate(command));
      store.removePendingCandidates(sessionId, participantId, target, List.of(command.candidate()));
      return;
    }
    log.debug("Kept a candidate of {} for {} until its endpoint exists", participantId, target);
  }

  private WebRtcEndpoint endpoint(String sessionId, String participantId, String target) {
    LiveSession session = store.findLive(sessionId).orElseThrow(() -> CommandRejectedException.unknownSession(sessionId));
    LiveParticipant participant = session.participant(participantId)
        .orElseThrow(() -> CommandRejectedException.unknownParticipant(participantId));
    if (session.participant(target).isEmpty()) {
      throw CommandRejectedException.unknownTarget(target);
    }
    return participant.endpointFor(target);
  }

  private static IceCandidate iceCandidate(AddIceCandidate command) {
    return new IceCandidate(command.candidate(), command.sdpMid(), command.sdpMLineIndex());
  }
}
