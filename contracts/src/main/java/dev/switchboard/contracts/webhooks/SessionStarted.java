package dev.switchboard.contracts.webhooks;

import java.time.Instant;
import java.util.UUID;

/** A session was created: its pipeline exists on {@code mediaServer} and participants may join. */
public record SessionStarted(UUID id, Instant occurredAt, String sessionId, String mediaServer)
    implements WebhookEvent {
  public static final String TYPE = "sessionStarted";

  @Override
  public String eventType() {
    return TYPE;
  }
}
