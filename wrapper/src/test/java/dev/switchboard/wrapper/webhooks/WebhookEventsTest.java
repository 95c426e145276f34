package dev.switchboard.wrapper.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.webhooks.ParticipantJoined;
import dev.switchboard.contracts.webhooks.WebhookEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Event ids are derived from the fact: the same fact always gets the same id, another fact another one. */
class WebhookEventsTest {
  private static final Instant JOINED = Instant.parse("2026-01-01T10:00:00.123Z");

  @Test
  void theSameFactGetsTheSameIdWhenEverItIsEmitted() {
    assertThat(WebhookEvents.participantJoined("s-1", "p-1", "Ada", JOINED).id())
        .isEqualTo(WebhookEvents.participantJoined("s-1", "p-1", "Ada", JOINED).id());
    assertThat(WebhookEvents.sessionEnded("s-1", "idle", JOINED).id())
        .as("a later end of the same session (the idle sweep finishing it) is the same event")
        .isEqualTo(WebhookEvents.sessionEnded("s-1", "idle", JOINED.plusSeconds(300)).id());
    assertThat(WebhookEvents.participantLeft("s-1", "p-1", JOINED, JOINED.plusSeconds(5)).id())
        .isEqualTo(WebhookEvents.participantLeft("s-1", "p-1", JOINED, JOINED.plusSeconds(9)).id());
    assertThat(WebhookEvents.mediaServerLost("s-1", "a", "b", 2, "lost", JOINED).id())
        .isEqualTo(WebhookEvents.mediaServerLost("s-1", "a", "c", 2, "lost", JOINED.plusSeconds(1)).id());
  }

  @Test
  void anotherFactGetsAnotherId() {
    var joined = WebhookEvents.participantJoined("s-1", "p-1", "Ada", JOINED).id();
    assertThat(WebhookEvents.participantJoined("s-1", "p-2", "Ada", JOINED).id()).isNotEqualTo(joined);
    assertThat(WebhookEvents.participantJoined("s-2", "p-1", "Ada", JOINED).id()).isNotEqualTo(joined);
    assertThat(WebhookEvents.participantJoined("s-1", "p-1", "Ada", JOINED.plusMillis(1)).id())
        .as("a rejoin under the same id").isNotEqualTo(joined);
    assertThat(WebhookEvents.participantLeft("s-1", "p-1", JOINED, JOINED).id()).isNotEqualTo(joined);
    assertThat(WebhookEvents.sessionStarted("s-1", "a", JOINED).id())
        .isNotEqualTo(WebhookEvents.sessionEnded("s-1", "idle", JOINED).id());
    assertThat(WebhookEvents.mediaServerLost("s-1", "a", "b", 2, "lost", JOINED).id())
        .isNotEqualTo(WebhookEvents.mediaServerLost("s-1", "a", "b", 3, "lost", JOINED).id());
    // Parts are separated, so shifting text between them changes the id.
    assertThat(WebhookEvents.idOf("ab", "c")).isNotEqualTo(WebhookEvents.idOf("a", "bc"));
  }

  @Test
  void anEventWritesAndReadsAsTheSameRecord() {
    JsonMapper json = JsonMapper.builder().build();
    ParticipantJoined event = WebhookEvents.participantJoined("s-1", "p-1", "Ada", JOINED);
    String text = json.writerFor(WebhookEvent.class).writeValueAsString(event);
    assertThat(text).contains("\"type\":\"participantJoined\"").contains("\"id\":\"" + event.id() + "\"");
    assertThat(json.readValue(text, WebhookEvent.class)).isEqualTo(event);
  }
}
