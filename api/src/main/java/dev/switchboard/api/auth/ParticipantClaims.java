package dev.switchboard.api.auth;

import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.contracts.rest.ParticipantRight;
import java.time.Instant;
import java.util.Set;

/**
 * What a verified participant token says: whose it is, what it may do and until when. The
 * interceptor puts it on the request as {@link #ATTRIBUTE} for handlers that check a right. Immutable.
 */
public record ParticipantClaims(String sessionId, String participantId, Set<ParticipantRight> rights, Instant expiresAt) {
  public static final String ATTRIBUTE = "dev.switchboard.api.auth.ParticipantClaims";

  public ParticipantClaims {
    rights = Set.copyOf(rights);
  }

  /** Throws 403 RIGHT_MISSING unless the token carries {@code right}. */
  public void require(ParticipantRight right, String action) {
    if (!rights.contains(right)) {
      throw new ApiException(ErrorCode.RIGHT_MISSING,
          "This participant's token does not carry the '" + right.wireName() + "' right needed to " + action);
    }
  }
}
