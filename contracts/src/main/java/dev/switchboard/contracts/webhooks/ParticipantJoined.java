package dev.switchboard.contracts.webhooks;

import java.time.Instant;
import java.util.UUID;

/** A participant joined a session, under the display {@code name} it gave. */
public record ParticipantJoined(UUID id, Instant occurredAt, String sessionId, String participantId, String name)
    implements WebhookEvent {
  public static final String TYPE = "participantJoined";

  @Override
  public String eventType() {
    return TYPE;
  }
}
