package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.wrapper.failover.MediaServerPlacement;
import dev.switchboard.wrapper.media.KurentoRef;
import dev.switchboard.wrapper.media.MediaReleaser;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.messaging.SessionQueueConsumers;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.session.SessionStore;
import dev.switchboard.wrapper.webhooks.WebhookEmitter;
import dev.switchboard.wrapper.webhooks.WebhookEvents;
import org.kurento.client.MediaPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Creates a session: a pipeline on the least-loaded media server that may take sessions (healthy,
 * not quarantined, not drained) and the session document, then tells the application
 * ({@code sessionStarted} webhook, on every handling: a redelivery may follow a crash before it).
 * Stateless; idempotent, and exactly one pipeline survives when two instances handle the same
 * command (the document's unique {@code _id} decides).
 */
@Component
public class CreateSessionHandler implements CommandHandler<CreateSession> {
  private static final Logger log = LoggerFactory.getLogger(CreateSessionHandler.class);

  private final SessionStore store;
  private final MediaServerPool pool;
  private final MediaReleaser releaser;
  private final MediaServerPlacement placement;
  private final SessionQueueConsumers consumers;
  private final WebhookEmitter webhooks;

  public CreateSessionHandler(SessionStore store, MediaServerPool pool, MediaReleaser releaser,
      MediaServerPlacement placement, @Lazy SessionQueueConsumers consumers, WebhookEmitter webhooks) {
    this.webhooks = webhooks;
    // Lazy: the consumers' listener dispatches to the handlers, this one included.
    this.consumers = consumers;
    this.store = store;
    this.pool = pool;
    this.releaser = releaser;
    this.placement = placement;
  }

  @Override
  public Class<CreateSession> commandType() {
    return CreateSession.class;
  }

  @Override
  public void handle(CreateSession command) {
    String sessionId = command.sessionId();
    if (store.exists(sessionId)) {
      log.info("Session {} already exists: nothing to do", sessionId);
      announce(sessionId);
      return;
    }
    // Never a drained, unhealthy or quarantined server.
    String server = placement.choose();
    MediaPipeline pipeline = pool.client(server).createMediaPipeline();
    if (store.insertNew(sessionId, server, new KurentoRef(server, pipeline.getId()))) {
      log.info("Created session {} on media server {} (pipeline {})", sessionId, server, pipeline.getId());
      listenNow(sessionId);
    } else {
      // Another instance handled a redelivery of this command first: keep one pipeline only.
      log.info("Session {} was created meanwhile by another instance; releasing pipeline {}", sessionId,
          pipeline.getId());
      releaser.release(pipeline);
    }
    // Also after a lost race: the winner may have died before telling the application.
    announce(sessionId);
  }

  /**
   * The {@code sessionStarted} webhook, from the stored document (its {@code createdAt}), so every
   * emission of it is the same event with the same id; a failure fails the command, which is retried.
   */
  private void announce(String sessionId) {
    if (!webhooks.enabled()) {
      return;
    }
    store.findRecord(sessionId).ifPresent((SessionRecord session) -> webhooks.emit(
        WebhookEvents.sessionStarted(session.id(), session.mediaServer(), session.createdAt())));
  }

  /**
   * The creating instance consumes the new session's queue at once: the joins that follow a
   * creation within milliseconds would otherwise wait for this instance's change stream to report
   * the insert (seconds on the embedded MongoDB under load, measured with bench signalling). The
   * other instances still follow through their change streams; consuming twice is a no-op.
   */
  private void listenNow(String sessionId) {
    try {
      consumers.consume(sessionId);
    } catch (RuntimeException e) {
      log.warn("Could not consume the queue of new session {} yet; the change stream will: {}", sessionId,
          e.getMessage());
    }
  }
}
