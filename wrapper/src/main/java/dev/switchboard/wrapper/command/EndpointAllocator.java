package dev.switchboard.wrapper.command;

import dev.switchboard.wrapper.media.KurentoRef;
import dev.switchboard.wrapper.media.MediaReleaser;
import dev.switchboard.wrapper.media.WebRtcEndpointFactory;
import dev.switchboard.wrapper.session.LiveParticipant;
import dev.switchboard.wrapper.session.LiveSession;
import dev.switchboard.wrapper.session.SessionStore;
import org.kurento.client.WebRtcEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gets or creates the endpoint of a participant's connection, so that each connection has
 * exactly one endpoint however many instances race for it; stateless.
 *
 * <p>Create first, then store the reference with a conditional partial update (only if none is
 * stored yet and the session is still on the pipeline the endpoint was created on). The loser
 * of a race releases its endpoint and uses the winner's; an endpoint of a pipeline the session
 * has left (a rebind after a media-server loss) is released and never stored.
 */
@Component
public class EndpointAllocator {
  private static final Logger log = LoggerFactory.getLogger(EndpointAllocator.class);

  private final SessionStore store;
  private final WebRtcEndpointFactory factory;
  private final MediaReleaser releaser;
  private final PendingCandidates pending;

  public EndpointAllocator(SessionStore store, WebRtcEndpointFactory factory, MediaReleaser releaser,
      PendingCandidates pending) {
    this.store = store;
    this.factory = factory;
    this.releaser = releaser;
    this.pending = pending;
  }

  /**
   * The endpoint of {@code participantId}'s connection {@code target}: its publisher when
   * target is itself, else its receiver of target's media. {@code session} may be stale.
   */
  public WebRtcEndpoint getOrCreate(LiveSession session, String participantId, String target) {
    LiveParticipant participant = session.participant(participantId)
        .orElseThrow(() -> CommandRejectedException.unknownParticipant(participantId));
    WebRtcEndpoint existing = participant.endpointFor(target);
    if (existing != null) {
      return existing;
    }
    String sessionId = session.id();
    if (session.pipeline() == null) {
      throw new SessionReboundException("Session " + sessionId + " has no pipeline (its media server was lost)");
    }
    String pipelineId = session.pipeline().getId();
    WebRtcEndpoint created = factory.create(session.pipeline());
    KurentoRef ref = new KurentoRef(session.mediaServer(), created.getId());
    // Stored only while the session is still on the pipeline the endpoint was created on.
    boolean stored = participantId.equals(target)
        ? store.setPublisherIfAbsent(sessionId, pipelineId, participantId, ref)
        : store.addReceiverIfAbsent(sessionId, pipelineId, participantId, target, ref);
    if (stored) {
      log.info("Created endpoint {} for {} -> {}", created.getId(), participantId, target);
      pending.apply(sessionId, participantId, target, created);
      return created;
    }
    releaser.release(created);
    return winner(sessionId, pipelineId, participantId, target);
  }

  /** After a lost race: the endpoint another instance stored, or why there is none. */
  private WebRtcEndpoint winner(String sessionId, String pipelineId, String participantId, String target) {
    LiveSession fresh = store.findLive(sessionId).orElseThrow(() -> CommandRejectedException.unknownSession(sessionId));
    if (fresh.pipeline() == null || !fresh.pipeline().getId().equals(pipelineId)) {
      throw new SessionReboundException("Session " + sessionId + " moved to another pipeline meanwhile");
    }
    LiveParticipant participant = fresh.participant(participantId)
        .orElseThrow(() -> CommandRejectedException.unknownParticipant(participantId));
    if (fresh.participant(target).isEmpty()) {
      throw CommandRejectedException.unknownTarget(target);
    }
    WebRtcEndpoint winner = participant.endpointFor(target);
    if (winner == null) {
      // Stored by someone and removed again (a renegotiation): the caller's retry starts afresh.
      throw new IllegalStateException("The endpoint of " + participantId + " -> " + target + " changed meanwhile");
    }
    log.info("Another instance created the endpoint of {} -> {} first; using {}", participantId, target, winner.getId());
    return winner;
  }
}
