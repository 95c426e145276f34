package dev.switchboard.wrapper.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kurento.client.MediaPipeline;
import org.springframework.data.annotation.Id;

/**
 * A session document whose Kurento objects the custom conversions have resolved into client
 * proxies on the session's media server, for the paths that drive media (offers, candidates).
 * Immutable; the proxies are thread-safe. {@code boundAt}: when the session was last bound to a
 * pipeline (absent in documents written before failover existed).
 */
public record LiveSession(
    @Id String id,
    String state,
    long epoch,
    String mediaServer,
    MediaPipeline pipeline,
    List<LiveParticipant> participants,
    Instant boundAt) {

  public LiveSession {
    participants = participants == null ? List.of() : List.copyOf(participants);
  }

  public Optional<LiveParticipant> participant(String participantId) {
    return participants.stream().filter(p -> p.id().equals(participantId)).findFirst();
  }
}
