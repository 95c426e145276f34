package dev.switchboard.contracts.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * A session ended; {@code reason} is {@code "last participant left"} or {@code "idle"} (nobody
 * joined for the idle timeout). Its id is never used again.
 */
public record SessionEnded(UUID id, Instant occurredAt, String sessionId, String reason) implements WebhookEvent {
  public static final String TYPE = "sessionEnded";

  @Override
  public String eventType() {
    return TYPE;
  }
}
