package dev.switchboard.wrapper.session;

import dev.switchboard.wrapper.media.KurentoRef;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.data.mongodb.core.mapping.Field;

/** One participant of a {@link SessionRecord}, endpoints as references. Immutable. */
public record ParticipantRecord(
    // An explicit field name keeps Spring Data from mapping a nested "id" to "_id".
    @Field("id") String id,
    String name,
    Instant joinedAt,
    KurentoRef publisher,
    List<ReceiverRecord> receivers,
    List<PendingCandidate> pendingCandidates) {

  public ParticipantRecord {
    receivers = receivers == null ? List.of() : List.copyOf(receivers);
    pendingCandidates = pendingCandidates == null ? List.of() : List.copyOf(pendingCandidates);
  }

  /** Every endpoint this participant owns: its publisher and its receivers. */
  public List<KurentoRef> endpoints() {
    List<KurentoRef> receiving = receivers.stream().map(ReceiverRecord::endpoint).toList();
    if (publisher == null) {
      return receiving;
    }
    return Stream.concat(Stream.of(publisher), receiving.stream()).toList();
  }
}
