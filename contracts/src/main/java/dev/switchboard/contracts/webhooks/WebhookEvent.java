package dev.switchboard.contracts.webhooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened to a session, told to the application by an HTTP POST of this JSON
 * (docs/webhooks.md). Immutable.
 *
 * <p>{@code id} is the delivery id (also the {@code Switchboard-Delivery-Id} header): it is derived
 * from the fact itself (event type, session, participant, binding epoch), so every retry and every
 * re-emission of the same fact after a crash carries the same id, and a receiver that remembers the
 * ids it processed handles each fact once. The discriminator {@code type} is also the
 * {@code Switchboard-Event} header.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SessionStarted.class, name = SessionStarted.TYPE),
    @JsonSubTypes.Type(value = SessionEnded.class, name = SessionEnded.TYPE),
    @JsonSubTypes.Type(value = ParticipantJoined.class, name = ParticipantJoined.TYPE),
    @JsonSubTypes.Type(value = ParticipantLeft.class, name = ParticipantLeft.TYPE),
    @JsonSubTypes.Type(value = MediaServerLost.class, name = MediaServerLost.TYPE),
})
public sealed interface WebhookEvent
    permits SessionStarted, SessionEnded, ParticipantJoined, ParticipantLeft, MediaServerLost {
  /** The delivery id: the same for every delivery of this fact. */
  UUID id();

  /** When the fact became true (as recorded by the wrapper that made it so). */
  Instant occurredAt();

  String sessionId();

  /** The value of the JSON {@code type} field (and of the {@code Switchboard-Event} header). */
  @JsonIgnore
  String eventType();
}
