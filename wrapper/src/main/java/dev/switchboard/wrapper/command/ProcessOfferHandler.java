package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.ProcessOffer;
import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.wrapper.failover.SessionRecovery;
import dev.switchboard.wrapper.media.EndpointSubscriptions;
import dev.switchboard.wrapper.media.KurentoErrors;
import dev.switchboard.wrapper.media.MediaReleaser;
import dev.switchboard.wrapper.media.SdpOffers;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import dev.switchboard.wrapper.session.LiveParticipant;
import dev.switchboard.wrapper.session.LiveReceiver;
import dev.switchboard.wrapper.session.LiveSession;
import dev.switchboard.wrapper.session.SessionStore;
import io.micrometer.core.instrument.Timer;
import org.kurento.client.WebRtcEndpoint;
import org.kurento.client.internal.server.KurentoServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Negotiates one connection of a participant, as Kurento's group-call does: its own id as target
 * publishes into its publisher endpoint, another id receives that participant's media through a
 * receiver endpoint connected from the source's publisher. Stateless.
 *
 * <p>Idempotent: a redelivered offer the endpoint already holds gets the stored answer again; a
 * different offer (the client reconnected) replaces the endpoint, within the {@link RejoinBudget}. When another instance changes
 * the endpoint meanwhile, the negotiation starts over from a fresh read, a few times at most.
 */
@Component
public class ProcessOfferHandler implements CommandHandler<ProcessOffer> {
  private static final Logger log = LoggerFactory.getLogger(ProcessOfferHandler.class);
  private static final int ROUNDS = 4;

  private final SessionStore store;
  private final EndpointAllocator allocator;
  private final PendingCandidates pending;
  private final EndpointSubscriptions subscriptions;
  private final MediaReleaser releaser;
  private final ParticipantPublisher publisher;
  private final RejoinBudget budget;
  private final SessionRecovery recovery;
  private final CallMetrics metrics;

  public ProcessOfferHandler(SessionStore store, EndpointAllocator allocator, PendingCandidates pending,
      EndpointSubscriptions subscriptions, MediaReleaser releaser, ParticipantPublisher publisher, RejoinBudget budget,
      SessionRecovery recovery, CallMetrics metrics) {
    this.metrics = metrics;
    this.budget = budget;
    this.recovery = recovery;
    this.store = store;
    this.allocator = allocator;
    this.pending = pending;
    this.subscriptions = subscriptions;
    this.releaser = releaser;
    this.publisher = publisher;
  }

  @Override
  public Class<ProcessOffer> commandType() {
    return ProcessOffer.class;
  }

  @Override
  public void handle(ProcessOffer offer) {
    Timer.Sample handling = metrics.offerReceived();
    for (int round = 1; round <= ROUNDS; round++) {
      if (negotiate(offer, handling)) {
        return;
      }
    }
    throw new IllegalStateException("The endpoint of " + offer.participantId() + " -> " + offer.target()
        + " kept changing during " + ROUNDS + " rounds");
  }

  /**
   * One round; false when the endpoint changed under it, or the session was (re)bound to a new
   * pipeline meanwhile, and the round must be repeated.
   */
  private boolean negotiate(ProcessOffer offer, Timer.Sample handling) {
    try {
      return negotiateOnce(offer, handling);
    } catch (SessionReboundException e) {
      log.info("Offer of {} -> {}: {}; starting over", offer.participantId(), offer.target(), e.getMessage());
      return false;
    }
  }

  private boolean negotiateOnce(ProcessOffer offer, Timer.Sample handling) {
    String sessionId = offer.sessionId();
    String participantId = offer.participantId();
    String target = offer.target();
    LiveSession session = store.findLive(sessionId).orElseThrow(() -> CommandRejectedException.unknownSession(sessionId));
    if (session.participant(participantId).isEmpty()) {
      throw CommandRejectedException.unknownParticipant(participantId);
    }
    if (session.participant(target).isEmpty()) {
      throw CommandRejectedException.unknownTarget(target);
    }
    if (session.pipeline() == null) {
      // The media server was lost when no other could take the session: bind it now, then start over.
      recovery.restoreBinding(sessionId);
      return false;
    }
    if (isFromBeforeTheMove(offer, session)) {
      // Every client re-offers each connection on MediaServerLost; an offer sent before the move
      // could otherwise overwrite the endpoint of the newer one and leave that connection unanswered.
      log.info("Offer of {} -> {} was sent before the session moved (epoch {}): dropped, a newer one follows",
          participantId, target, session.epoch());
      return true;
    }
    WebRtcEndpoint endpoint = allocator.getOrCreate(session, participantId, target);

    String remote = remoteDescription(endpoint);
    if (remote != null) {
      if (SdpOffers.same(remote, offer.sdp())) {
        answerAgain(offer, endpoint);
        metrics.answered(offer, handling);
        return true;
      }
      replace(offer, endpoint);
      return false;
    }

    boolean publishing = participantId.equals(target);
    if (!publishing) {
      // The receiver gets the source's media; the source's own offer may not be processed yet.
      allocator.getOrCreate(session, target, target).connect(endpoint);
    }
    subscriptions.subscribe(sessionId, participantId, target, endpoint);
    String answer;
    try {
      answer = endpoint.processOffer(offer.sdp());
    } catch (KurentoServerException e) {
      if (KurentoErrors.isAlreadyNegotiated(e)) {
        log.info("Endpoint of {} -> {} was negotiated meanwhile; looking again", participantId, target);
        return false;
      }
      if (KurentoErrors.isInvalidSdp(e)) {
        throw new CommandRejectedException("INVALID_SDP", KurentoErrors.message(e));
      }
      throw e;
    }
    publisher.toParticipant(participantId, new Answer(target, answer, offer.offerId()));
    metrics.answered(offer, handling);
    endpoint.gatherCandidates();
    if (publishing) {
      connectToReceivers(session, participantId, endpoint);
    }
    pending.apply(sessionId, participantId, target, endpoint);
    log.info("Answered the offer of {} -> {}", participantId, target);
    return true;
  }

  /** The offer was already processed (a redelivery): send the answer the endpoint holds again. */
  private void answerAgain(ProcessOffer offer, WebRtcEndpoint endpoint) {
    log.info("Offer of {} -> {} was already processed: sending its answer again", offer.participantId(), offer.target());
    subscriptions.subscribe(offer.sessionId(), offer.participantId(), offer.target(), endpoint);
    publisher.toParticipant(offer.participantId(), new Answer(offer.target(), endpoint.getLocalSessionDescriptor(), offer.offerId()));
    try {
      // The first delivery may have died before this call; a second call changes nothing.
      endpoint.gatherCandidates();
    } catch (KurentoServerException e) {
      log.debug("gatherCandidates again: {}", e.getMessage());
    }
    pending.apply(offer.sessionId(), offer.participantId(), offer.target(), endpoint);
  }

  /**
   * A new offer for a negotiated connection: spend one renegotiation of the participant's budget
   * (refused, changing nothing, when none is left), then forget the old endpoint (if still ours)
   * and release it.
   */
  private void replace(ProcessOffer offer, WebRtcEndpoint old) {
    if (!budget.trySpend(offer.sessionId(), offer.participantId(), offer.target())) {
      log.info("Renegotiation of {} -> {} refused: more than {} in a minute", offer.participantId(), offer.target(),
          budget.limit());
      throw new CommandRejectedException("REJOIN_LIMIT", "More than " + budget.limit()
          + " renegotiations in a minute; rejoin later");
    }
    boolean forgotten = offer.participantId().equals(offer.target())
        ? store.removePublisher(offer.sessionId(), offer.participantId(), old.getId())
        : store.removeReceiver(offer.sessionId(), offer.participantId(), offer.target(), old.getId());
    if (forgotten) {
      log.info("Renegotiation of {} -> {}: replacing endpoint {}", offer.participantId(), offer.target(), old.getId());
      subscriptions.forget(offer.sessionId(), old.getId());
      releaser.release(old);
    }
  }

  /**
   * A publisher that replaces an old one must feed the receivers that already exist (connect is
   * idempotent, so connecting those that are fed already is harmless).
   */
  private void connectToReceivers(LiveSession session, String participantId, WebRtcEndpoint publisherEndpoint) {
    for (LiveParticipant other : session.participants()) {
      for (LiveReceiver receiver : other.receivers()) {
        if (receiver.target().equals(participantId)) {
          publisherEndpoint.connect(receiver.endpoint());
        }
      }
    }
  }

  private static String remoteDescription(WebRtcEndpoint endpoint) {
    try {
      String sdp = endpoint.getRemoteSessionDescriptor();
      return sdp == null || sdp.isBlank() ? null : sdp;
    } catch (KurentoServerException e) {
      if (KurentoErrors.isNotNegotiated(e)) {
        return null;
      }
      throw e;
    }
  }

  /** Issued (api clock) before the session's current binding (wrapper clock); clocks are assumed in sync. */
  private static boolean isFromBeforeTheMove(ProcessOffer offer, LiveSession session) {
    return session.epoch() > 1 && session.boundAt() != null && offer.issuedAt() != null
        && offer.issuedAt().isBefore(session.boundAt());
  }
}
