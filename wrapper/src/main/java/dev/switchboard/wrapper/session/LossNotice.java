package dev.switchboard.wrapper.session;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * The notice a session's move owes its participants ({@code MediaServerLost}) and the application
 * (the {@code mediaServerLost} webhook), written into the session document by the same update
 * that moves it and removed once both are queued: an outbox, so that an instance dying between
 * the move and the notice leaves it for another to send. Immutable.
 *
 * @param epoch the session's epoch after the move (the notice is about exactly this move)
 * @param lostServer the server the session left
 * @param newServer the server it moved to; null when none could take it (binding lost)
 * @param cause the recovery cause's tag (lost, restarted, drained)
 * @param reason the human-readable reason the participants are given
 * @param movedAt when the move was decided
 * @param retryAt from when another instance may send it (again)
 */
public record LossNotice(long epoch, String lostServer, String newServer, String cause, String reason,
    Instant movedAt, Instant retryAt) {
  static final String FIELD = "lossNotice";
  static final String EPOCH = "epoch";
  static final String RETRY_AT = "retryAt";
  private static final String LOST_SERVER = "lostServer";
  private static final String NEW_SERVER = "newServer";
  private static final String CAUSE = "cause";
  private static final String REASON = "reason";
  private static final String MOVED_AT = "movedAt";

  public LossNotice {
    // Stored as BSON dates (milliseconds): truncate now, so that what is read back equals this.
    movedAt = Instant.ofEpochMilli(movedAt.toEpochMilli());
    retryAt = Instant.ofEpochMilli(retryAt.toEpochMilli());
  }

  /** The same notice, claimed again until {@code next}. */
  public LossNotice retryingAt(Instant next) {
    return new LossNotice(epoch, lostServer, newServer, cause, reason, movedAt, next);
  }

  Document toDocument() {
    return new Document(EPOCH, epoch).append(LOST_SERVER, lostServer).append(NEW_SERVER, newServer)
        .append(CAUSE, cause).append(REASON, reason).append(MOVED_AT, Date.from(movedAt))
        .append(RETRY_AT, Date.from(retryAt));
  }

  static LossNotice fromDocument(Document document) {
    return new LossNotice(document.get(EPOCH, Number.class).longValue(), document.getString(LOST_SERVER),
        document.getString(NEW_SERVER), document.getString(CAUSE), document.getString(REASON),
        document.getDate(MOVED_AT).toInstant(), document.getDate(RETRY_AT).toInstant());
  }
}
