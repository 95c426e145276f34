package dev.switchboard.wrapper.failover;

import dev.switchboard.contracts.messages.MediaServerLost;
import dev.switchboard.wrapper.config.FailoverProperties;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import dev.switchboard.wrapper.session.LossNotice;
import dev.switchboard.wrapper.session.LossNoticeStore;
import dev.switchboard.wrapper.webhooks.WebhookEmitter;
import dev.switchboard.wrapper.webhooks.WebhookEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the notice a session's move owes ({@link LossNotice}): {@code MediaServerLost} to every
 * participant and the {@code mediaServerLost} webhook, then removes it from the session document.
 * The instance that moved the session sends it at once; {@link #resendDue} lets any instance send
 * one whose sender died or failed, so the notice is delivered at least once (participants handle
 * each epoch once; the webhook keeps its id). Stateless; thread-safe; blocking.
 *
 * <p>Metric: {@code switchboard.recovery.notices.resent{outcome}} (sent, failed, abandoned).
 */
@Component
public class LossAnnouncer {
  private static final Logger log = LoggerFactory.getLogger(LossAnnouncer.class);
  /** A notice still unsent after this long is dropped: its clients have long seen their media fail. */
  static final Duration MAX_AGE = Duration.ofMinutes(10);

  private final ParticipantPublisher publisher;
  private final WebhookEmitter webhooks;
  private final LossNoticeStore notices;
  private final Clock clock;
  private final Duration retryAfter;
  private final MeterRegistry registry;

  public LossAnnouncer(ParticipantPublisher publisher, WebhookEmitter webhooks, LossNoticeStore notices, Clock clock,
      FailoverProperties failover, MeterRegistry registry) {
    this.publisher = publisher;
    this.webhooks = webhooks;
    this.notices = notices;
    this.clock = clock;
    this.retryAfter = failover.noticeRetryAfter();
    this.registry = registry;
  }

  /** A new notice of the move of a session to {@code epoch}, due for a resend after the retry delay. */
  public LossNotice noticeOf(long epoch, String lostServer, String newServer, RecoveryCause cause, String reason) {
    Instant now = clock.instant();
    return new LossNotice(epoch, lostServer, newServer, cause.tag(), reason, now, now.plus(retryAfter));
  }

  /**
   * Tells the participants and the application; true when both took it, and the notice is then
   * removed. On false it stays for {@link #resendDue}.
   */
  public boolean announce(String sessionId, LossNotice notice) {
    boolean told;
    try {
      publisher.toSession(sessionId, new MediaServerLost(sessionId, notice.epoch(), notice.reason()));
      told = true;
    } catch (RuntimeException e) {
      log.warn("Could not tell the participants of session {} of its move to epoch {} (sent again in {}): {}",
          sessionId, notice.epoch(), retryAfter, e.toString());
      told = false;
    }
    // Even when the participants could not be told: the move happened.
    boolean emitted = webhooks.tryEmit(WebhookEvents.mediaServerLost(sessionId, notice.lostServer(),
        notice.newServer(), notice.epoch(), notice.cause(), notice.movedAt()));
    if (told && emitted) {
      notices.sent(sessionId, notice.epoch());
    }
    return told && emitted;
  }

  /** Sends every notice that is due (its sender died or failed); returns how many went out. */
  public int resendDue() {
    Instant now = clock.instant();
    int sent = 0;
    for (LossNoticeStore.Due due : notices.findDue(now)) {
      LossNotice notice = due.notice();
      if (!notices.claim(due.sessionId(), notice, now.plus(retryAfter))) {
        continue; // another instance is at it
      }
      if (notice.movedAt().plus(MAX_AGE).isBefore(now)) {
        log.warn("Dropping the notice of session {}'s move to epoch {}: unsent since {}", due.sessionId(),
            notice.epoch(), notice.movedAt());
        notices.sent(due.sessionId(), notice.epoch());
        count("abandoned");
        continue;
      }
      log.info("Sending the notice of session {}'s move to epoch {} again: its sender did not finish",
          due.sessionId(), notice.epoch());
      if (announce(due.sessionId(), notice)) {
        sent++;
        count("sent");
      } else {
        count("failed");
      }
    }
    return sent;
  }

  private void count(String outcome) {
    registry.counter("switchboard.recovery.notices.resent", "outcome", outcome).increment();
  }
}
