package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.contracts.messages.ParticipantJoined;
import dev.switchboard.contracts.rest.ParticipantView;
import dev.switchboard.wrapper.config.SessionLimitsProperties;
import dev.switchboard.wrapper.failover.SessionRecovery;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import dev.switchboard.wrapper.session.ParticipantRecord;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.session.SessionStates;
import dev.switchboard.wrapper.session.SessionStore;
import dev.switchboard.wrapper.webhooks.WebhookEmitter;
import dev.switchboard.wrapper.webhooks.WebhookEvents;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Adds a participant (a guarded {@code $push}: a redelivered join adds nobody), then sends the
 * joiner who is already there, tells everyone who joined and tells the application
 * ({@code participantJoined} webhook). Stateless.
 *
 * <p>A redelivered join sends both messages and the webhook again: its first delivery may have
 * died between the write and the sends, clients ignore a participant they already know, and the
 * webhook has the same id (it is derived from the stored {@code joinedAt}) for the receiver to dedupe.
 */
@Component
public class JoinSessionHandler implements CommandHandler<JoinSession> {
  private static final Logger log = LoggerFactory.getLogger(JoinSessionHandler.class);

  private final SessionStore store;
  private final ParticipantPublisher publisher;
  private final SessionRecovery recovery;
  private final SessionLimitsProperties limits;
  private final CallMetrics metrics;
  private final WebhookEmitter webhooks;

  public JoinSessionHandler(SessionStore store, ParticipantPublisher publisher, SessionRecovery recovery,
      SessionLimitsProperties limits, CallMetrics metrics, WebhookEmitter webhooks) {
    this.metrics = metrics;
    this.webhooks = webhooks;
    this.limits = limits;
    this.store = store;
    this.publisher = publisher;
    this.recovery = recovery;
  }

  @Override
  public Class<JoinSession> commandType() {
    return JoinSession.class;
  }

  @Override
  public void handle(JoinSession command) {
    String sessionId = command.sessionId();
    String participantId = command.participantId();
    Optional<SessionRecord> added = store.addParticipant(sessionId, participantId, command.name(),
        limits.maxParticipantsPerSession());
    SessionRecord session;
    if (added.isPresent()) {
      session = added.get();
      metrics.joined();
      log.info("{} joined session {}", participantId, sessionId);
    } else {
      session = store.findRecord(sessionId).orElseThrow(() -> CommandRejectedException.unknownSession(sessionId));
      if (session.participant(participantId).isPresent()) {
        log.info("{} had already joined session {}: sending the join messages again", participantId, sessionId);
      } else if (!SessionStates.ACTIVE.equals(session.state())) {
        throw new CommandRejectedException("SESSION_CLOSED", "Session " + sessionId + " is closing");
      } else if (session.participants().size() >= limits.maxParticipantsPerSession()) {
        throw new CommandRejectedException("SESSION_FULL",
            "Session " + sessionId + " already has " + limits.maxParticipantsPerSession() + " participants");
      } else {
        // Not added, not there, session active: the document changed under us; try again.
        throw new IllegalStateException("Join of " + participantId + " raced with another change");
      }
    }
    if (session.pipeline() == null) {
      restoreBinding(sessionId);
    }
    ParticipantRecord joiner = session.participant(participantId).orElseThrow();
    List<ParticipantView> others = session.participants().stream()
        .filter(p -> !p.id().equals(participantId))
        .map(p -> new ParticipantView(p.id(), p.name()))
        .toList();
    publisher.toParticipant(participantId, new ExistingParticipants(others));
    publisher.toSession(sessionId, new ParticipantJoined(participantId, joiner.name()));
    webhooks.emit(WebhookEvents.participantJoined(sessionId, participantId, joiner.name(), joiner.joinedAt()));
  }

  /**
   * A join that finds no pipeline (the media server was lost when no other could take the
   * session) tries to bind one: the dropped server if it is back, else the least loaded. The
   * join itself succeeds either way; the joiner's offer tries again if this could not.
   */
  private void restoreBinding(String sessionId) {
    try {
      recovery.restoreBinding(sessionId);
    } catch (RuntimeException e) {
      log.info("Session {} has no pipeline yet, its first offer tries again: {}", sessionId, e.getMessage());
    }
  }
}
