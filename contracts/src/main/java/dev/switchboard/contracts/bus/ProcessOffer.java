package dev.switchboard.contracts.bus;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Negotiate one of the participant's connections: {@code target} equal to {@code participantId}
 * publishes its media, another id receives that participant's media (Kurento group-call).
 * {@code offerId} is the client's correlation id, echoed in the answer (absent if it sent none).
 */
public record ProcessOffer(
    String commandId, String sessionId, String participantId, String target, String sdp, Instant issuedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String offerId)
    implements SessionCommand {

  /** An offer without the client's correlation id. */
  public ProcessOffer(String commandId, String sessionId, String participantId, String target, String sdp,
      Instant issuedAt) {
    this(commandId, sessionId, participantId, target, sdp, issuedAt, null);
  }
}
