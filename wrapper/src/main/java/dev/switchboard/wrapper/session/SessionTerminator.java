package dev.switchboard.wrapper.session;

import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.messages.SessionClosed;
import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.logging.LogContext;
import dev.switchboard.wrapper.media.EndpointSubscriptions;
import dev.switchboard.wrapper.media.MediaReleaser;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import dev.switchboard.wrapper.webhooks.WebhookEmitter;
import dev.switchboard.wrapper.webhooks.WebhookEvents;
import java.time.Clock;
import org.kurento.client.MediaPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Ends a session this instance has claimed (state CLOSING): releases the pipeline, deletes the
 * document (the change stream then makes every instance stop consuming its queue), tells
 * everyone, and later deletes the session's queue and exchange. Stateless.
 *
 * <p>The queue and exchange go after {@code queue-delete-delay} rather than at once: by then
 * every instance has seen the delete event and cancelled its consumer, so no consumer is cut off
 * by the broker, and the command that ended the session has been acked. If this instance dies
 * first, the queue expires by itself ({@code x-expires}).
 *
 * <p>The {@code sessionEnded} webhook is queued first, while the session is CLOSING and before
 * anything is released: if it cannot be queued, or this instance dies before the document is
 * deleted, the session stays CLOSING and the idle sweep ends it again later, emitting the same
 * event (same id) again, so the application hears of every end at least once.
 */
@Component
public class SessionTerminator {
  private static final Logger log = LoggerFactory.getLogger(SessionTerminator.class);

  private final SessionStore store;
  private final MediaReleaser releaser;
  private final EndpointSubscriptions subscriptions;
  private final ParticipantPublisher publisher;
  private final RabbitAdmin admin;
  private final TaskScheduler scheduler;
  private final Clock clock;
  private final WrapperProperties properties;
  private final WebhookEmitter webhooks;

  public SessionTerminator(SessionStore store, MediaReleaser releaser, EndpointSubscriptions subscriptions,
      ParticipantPublisher publisher, RabbitAdmin admin, TaskScheduler scheduler, Clock clock,
      WrapperProperties properties, WebhookEmitter webhooks) {
    this.webhooks = webhooks;
    this.store = store;
    this.releaser = releaser;
    this.subscriptions = subscriptions;
    this.publisher = publisher;
    this.admin = admin;
    this.scheduler = scheduler;
    this.clock = clock;
    this.properties = properties;
  }

  public void end(SessionRecord claimed, String reason) {
    String sessionId = claimed.id();
    try (LogContext _ = LogContext.session(sessionId)) {
      if (!webhooks.tryEmit(WebhookEvents.sessionEnded(sessionId, reason, claimed.updatedAt()))) {
        log.warn("Session {} stays CLOSING until the idle sweep ends it again: its sessionEnded webhook could not "
            + "be queued", sessionId);
        return;
      }
      if (claimed.pipeline() != null) {
        releaser.release(claimed.pipeline(), MediaPipeline.class);
      }
      if (!store.deleteClosing(sessionId)) {
        log.info("Session {} was already deleted", sessionId);
      }
      subscriptions.forget(sessionId);
      try {
        publisher.toSession(sessionId, new SessionClosed(sessionId, reason));
      } catch (RuntimeException e) {
        // The exchange may be gone already (a second ending); there is nobody left to tell.
        log.warn("Could not announce the end of session {}: {}", sessionId, e.toString());
      }
      scheduler.schedule(() -> deleteBrokerObjects(sessionId), clock.instant().plus(properties.queueDeleteDelay()));
      log.info("Ended session {}: {}", sessionId, reason);
    }
  }

  private void deleteBrokerObjects(String sessionId) {
    try {
      admin.deleteQueue(Topology.sessionQueue(sessionId));
      admin.deleteExchange(Topology.sessionExchange(sessionId));
      log.debug("Deleted the queue and exchange of session {}", sessionId);
    } catch (RuntimeException e) {
      // Already gone (another instance, or expired): nothing to clean.
      log.debug("Deleting the queue and exchange of session {}: {}", sessionId, e.toString());
    }
  }
}
