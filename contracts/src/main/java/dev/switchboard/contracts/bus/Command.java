package dev.switchboard.contracts.bus;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * A command from the api to the wrappers over RabbitMQ. {@code commandId} is unique per request
 * so that a redelivered command can be recognised and handled once. Immutable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CreateSession.class, name = "createSession"),
    @JsonSubTypes.Type(value = JoinSession.class, name = "joinSession"),
    @JsonSubTypes.Type(value = ProcessOffer.class, name = "processOffer"),
    @JsonSubTypes.Type(value = AddIceCandidate.class, name = "addIceCandidate"),
    @JsonSubTypes.Type(value = LeaveSession.class, name = "leaveSession"),
    @JsonSubTypes.Type(value = DrainMediaServer.class, name = "drainMediaServer"),
    @JsonSubTypes.Type(value = UndrainMediaServer.class, name = "undrainMediaServer"),
})
public sealed interface Command permits CreateSession, SessionCommand, MediaServerCommand {
  String commandId();

  /** The session the command is about; null for a {@link MediaServerCommand}. */
  String sessionId();

  Instant issuedAt();
}
