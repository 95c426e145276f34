package dev.switchboard.wrapper.webhooks;

import dev.switchboard.contracts.webhooks.MediaServerLost;
import dev.switchboard.contracts.webhooks.ParticipantJoined;
import dev.switchboard.contracts.webhooks.ParticipantLeft;
import dev.switchboard.contracts.webhooks.SessionEnded;
import dev.switchboard.contracts.webhooks.SessionStarted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds webhook events with ids derived from the fact they tell; stateless.
 *
 * <p>Why derived rather than random: a fact is emitted again whenever the wrapper cannot know
 * whether an earlier emission made it into RabbitMQ (a command redelivered after a crash between
 * the MongoDB write and the publish, a second instance handling the same command, a session end
 * finished by the idle sweep). Each emission then carries the same id, and the receiver's dedupe
 * by delivery id turns at-least-once into once. The parts that make a fact unique:
 * session ids and participant ids are random and never reused; a participant's {@code joinedAt}
 * tells a rejoin under the same id apart; a media-server loss is one per binding epoch.
 */
public final class WebhookEvents {
  private static final char SEPARATOR = '\u001f';

  private WebhookEvents() {}

  public static SessionStarted sessionStarted(String sessionId, String mediaServer, Instant createdAt) {
    return new SessionStarted(idOf(SessionStarted.TYPE, sessionId), createdAt, sessionId, mediaServer);
  }

  public static SessionEnded sessionEnded(String sessionId, String reason, Instant endedAt) {
    return new SessionEnded(idOf(SessionEnded.TYPE, sessionId), endedAt, sessionId, reason);
  }

  public static ParticipantJoined participantJoined(String sessionId, String participantId, String name,
      Instant joinedAt) {
    return new ParticipantJoined(idOf(ParticipantJoined.TYPE, sessionId, participantId, String.valueOf(joinedAt)),
        joinedAt, sessionId, participantId, name);
  }

  /** {@code joinedAt} is the participant's, as stored: it names which stay in the session ended. */
  public static ParticipantLeft participantLeft(String sessionId, String participantId, Instant joinedAt,
      Instant leftAt) {
    return new ParticipantLeft(idOf(ParticipantLeft.TYPE, sessionId, participantId, String.valueOf(joinedAt)),
        leftAt, sessionId, participantId);
  }

  /** {@code epoch} is the session's binding epoch after the move. */
  public static MediaServerLost mediaServerLost(String sessionId, String lostServer, String newServer, long epoch,
      String cause, Instant movedAt) {
    return new MediaServerLost(idOf(MediaServerLost.TYPE, sessionId, Long.toString(epoch)), movedAt, sessionId,
        lostServer, newServer, epoch, cause);
  }

  /** A name-based (version 3) UUID of the parts: the same parts give the same id in every JVM. */
  static UUID idOf(String... parts) {
    StringBuilder name = new StringBuilder("switchboard.webhook");
    for (String part : parts) {
      name.append(SEPARATOR).append(part);
    }
    return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
  }
}
