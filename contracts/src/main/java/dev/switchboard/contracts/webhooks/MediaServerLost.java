package dev.switchboard.contracts.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * A session's media server was lost, restarted or drained ({@code cause}: {@code lost},
 * {@code restarted}, {@code drained}) and the session was moved: to {@code newMediaServer}, or to
 * none yet ({@code null}: it gets a server at the next join or offer). {@code epoch} is the
 * session's binding number after the move; participants re-offer their connections.
 */
public record MediaServerLost(UUID id, Instant occurredAt, String sessionId, String mediaServer,
    String newMediaServer, long epoch, String cause) implements WebhookEvent {
  public static final String TYPE = "mediaServerLost";

  @Override
  public String eventType() {
    return TYPE;
  }
}
