package dev.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.webhooks.MediaServerLost;
import dev.switchboard.contracts.webhooks.ParticipantJoined;
import dev.switchboard.contracts.webhooks.ParticipantLeft;
import dev.switchboard.contracts.webhooks.SessionEnded;
import dev.switchboard.contracts.webhooks.SessionStarted;
import dev.switchboard.contracts.webhooks.WebhookEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each webhook event's {@code eventType()} (the Switchboard-Event header) is the JSON {@code type} it is written with. */
class WebhookEventTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @Test
  void eventTypeIsTheJsonDiscriminator() {
    UUID id = UUID.randomUUID();
    Instant t = Instant.parse("2026-01-01T10:00:00Z");
    List<WebhookEvent> events = List.of(new SessionStarted(id, t, "s", "m"), new SessionEnded(id, t, "s", "idle"),
        new ParticipantJoined(id, t, "s", "p", "n"), new ParticipantLeft(id, t, "s", "p"),
        new MediaServerLost(id, t, "s", "m", "n", 2, "lost"));
    for (WebhookEvent event : events) {
      JsonNode written = MAPPER.readTree(MAPPER.writerFor(WebhookEvent.class).writeValueAsString(event));
      assertThat(written.get("type").asString()).isEqualTo(event.eventType());
      assertThat(written.has("eventType")).isFalse();
      assertThat(written.get("id").asString()).isEqualTo(id.toString());
    }
  }
}
