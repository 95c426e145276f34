package dev.switchboard.contracts.webhooks;

import java.time.Instant;
import java.util.UUID;

/** A participant left a session (by its own request). */
public record ParticipantLeft(UUID id, Instant occurredAt, String sessionId, String participantId)
    implements WebhookEvent {
  public static final String TYPE = "participantLeft";

  @Override
  public String eventType() {
    return TYPE;
  }
}
