package dev.switchboard.contracts.rest;

import java.util.List;

/**
 * Answer to a join: the new participant's id, the token that authorises its later calls, when the
 * token expires (Unix seconds; refresh it before, with {@code POST .../participants/{pid}/token})
 * and the rights it carries.
 */
public record JoinResponse(String participantId, String token, long tokenExpiresAt, List<ParticipantRight> rights) {
  public JoinResponse {
    rights = List.copyOf(rights);
  }
}
