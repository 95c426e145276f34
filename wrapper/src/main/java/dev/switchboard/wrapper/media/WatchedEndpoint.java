package dev.switchboard.wrapper.media;

/**
 * One endpoint whose events an instance subscribes to: {@code participantId}'s connection
 * {@code target} (its publisher when target is itself) in session {@code sessionId}. Immutable.
 */
public record WatchedEndpoint(String sessionId, String participantId, String target, String endpointId) {
  public boolean publishing() {
    return participantId.equals(target);
  }
}
