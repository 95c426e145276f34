package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.LeaveSession;
import dev.switchboard.contracts.messages.ParticipantLeft;
import dev.switchboard.wrapper.media.EndpointSubscriptions;
import dev.switchboard.wrapper.media.KurentoRef;
import dev.switchboard.wrapper.media.MediaReleaser;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import dev.switchboard.wrapper.session.ParticipantRecord;
import dev.switchboard.wrapper.session.ReceiverRecord;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.session.SessionStore;
import dev.switchboard.wrapper.session.SessionTerminator;
import dev.switchboard.wrapper.webhooks.WebhookEmitter;
import dev.switchboard.wrapper.webhooks.WebhookEvents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kurento.client.WebRtcEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Removes a participant: its endpoints and everyone's receivers of its media are released, the
 * others are told, and the last one out ends the session. Stateless.
 *
 * <p>Order matters under concurrency: the participant is pulled first (so no new receiver of its
 * media can be stored: that write requires it present), then every receiver of its media is
 * pulled. Each pull returns the document as it was just before, so exactly the endpoints that
 * were removed get released, including one stored a moment earlier by another instance.
 *
 * <p>The {@code participantLeft} webhook is queued just before the pull, while the participant is
 * still in the document, and only then: after the pull a redelivery (the first delivery died
 * before telling the application) could no longer tell a participant that was there from one that
 * never was. Emitting first is safe because the pull cannot fail to happen: it is unconditional,
 * and a session with a participant in it is never ended. A redelivery that still finds the
 * participant emits the same event again (same id).
 */
@Component
public class LeaveSessionHandler implements CommandHandler<LeaveSession> {
  private static final Logger log = LoggerFactory.getLogger(LeaveSessionHandler.class);
  static final String LAST_PARTICIPANT_LEFT = "last participant left";

  private final SessionStore store;
  private final MediaReleaser releaser;
  private final EndpointSubscriptions subscriptions;
  private final ParticipantPublisher publisher;
  private final SessionTerminator terminator;
  private final WebhookEmitter webhooks;
  private final Clock clock;

  public LeaveSessionHandler(SessionStore store, MediaReleaser releaser, EndpointSubscriptions subscriptions,
      ParticipantPublisher publisher, SessionTerminator terminator, WebhookEmitter webhooks, Clock clock) {
    this.webhooks = webhooks;
    this.clock = clock;
    this.store = store;
    this.releaser = releaser;
    this.subscriptions = subscriptions;
    this.publisher = publisher;
    this.terminator = terminator;
  }

  @Override
  public Class<LeaveSession> commandType() {
    return LeaveSession.class;
  }

  @Override
  public void handle(LeaveSession command) {
    String sessionId = command.sessionId();
    String participantId = command.participantId();
    announceLeaving(sessionId, participantId);
    Optional<SessionRecord> beforeParticipantPull = store.pullParticipant(sessionId, participantId);
    if (beforeParticipantPull.isEmpty()) {
      log.info("Session {} is gone: {} has nothing to leave", sessionId, participantId);
      return;
    }
    List<KurentoRef> released = new ArrayList<>();
    beforeParticipantPull.get().participant(participantId).map(ParticipantRecord::endpoints).ifPresent(released::addAll);
    SessionRecord beforeReceiverPull = store.pullReceiversOf(sessionId, participantId).orElse(null);
    if (beforeReceiverPull != null) {
      for (ParticipantRecord other : beforeReceiverPull.participants()) {
        other.receivers().stream().filter(r -> r.target().equals(participantId)).map(ReceiverRecord::endpoint)
            .forEach(released::add);
      }
    }
    released.forEach(ref -> {
      subscriptions.forget(sessionId, ref.id());
      releaser.release(ref, WebRtcEndpoint.class);
    });
    // Told again on a redelivery, since the first delivery may have died before telling anyone.
    publisher.toSession(sessionId, new ParticipantLeft(participantId));
    log.info("{} left session {} ({} endpoints released)", participantId, sessionId, released.size());

    if (beforeReceiverPull == null || beforeReceiverPull.participants().isEmpty()) {
      store.claimIfEmpty(sessionId).ifPresent(claimed -> terminator.end(claimed, LAST_PARTICIPANT_LEFT));
    }
  }

  /** The {@code participantLeft} webhook if the participant is still in the session (see the class comment). */
  private void announceLeaving(String sessionId, String participantId) {
    if (!webhooks.enabled()) {
      return;
    }
    store.findRecord(sessionId).flatMap(session -> session.participant(participantId)).ifPresent(participant ->
        webhooks.emit(WebhookEvents.participantLeft(sessionId, participantId, participant.joinedAt(), clock.instant())));
  }
}
