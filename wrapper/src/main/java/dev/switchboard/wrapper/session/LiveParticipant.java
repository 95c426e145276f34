package dev.switchboard.wrapper.session;

import java.util.List;
import org.kurento.client.WebRtcEndpoint;
import org.springframework.data.mongodb.core.mapping.Field;

/** One participant of a {@link LiveSession}, endpoints as Kurento proxies. Immutable. */
public record LiveParticipant(
    @Field("id") String id,
    String name,
    WebRtcEndpoint publisher,
    List<LiveReceiver> receivers,
    List<PendingCandidate> pendingCandidates) {

  public LiveParticipant {
    receivers = receivers == null ? List.of() : List.copyOf(receivers);
    pendingCandidates = pendingCandidates == null ? List.of() : List.copyOf(pendingCandidates);
  }

  /**
   * The endpoint of this participant's connection {@code target}: its publisher when the target
   * is itself, else its receiver of that participant's media; null while not created.
   */
  public WebRtcEndpoint endpointFor(String target) {
    if (id.equals(target)) {
      return publisher;
    }
    return receivers.stream().filter(r -> r.target().equals(target)).map(LiveReceiver::endpoint)
        .findFirst().orElse(null);
  }

  public List<PendingCandidate> pendingFor(String target) {
    return pendingCandidates.stream().filter(c -> c.target().equals(target)).toList();
  }
}
