package dev.switchboard.wrapper.session;

import dev.switchboard.wrapper.media.KurentoRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;

/**
 * A session document with its Kurento objects left as references, for paths that must work
 * even when the media server cannot be reached (join, leave, end). Immutable.
 */
public record SessionRecord(
    @Id String id,
    String state,
    long epoch,
    String mediaServer,
    KurentoRef pipeline,
    List<ParticipantRecord> participants,
    Instant createdAt,
    Instant updatedAt) {

  public SessionRecord {
    participants = participants == null ? List.of() : List.copyOf(participants);
  }

  public Optional<ParticipantRecord> participant(String participantId) {
    return participants.stream().filter(p -> p.id().equals(participantId)).findFirst();
  }
}
