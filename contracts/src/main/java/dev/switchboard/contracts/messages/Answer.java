package dev.switchboard.contracts.messages;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The SDP answer to the participant's offer for its connection {@code target}; {@code offerId} is
 * the one the offer carried (absent if it carried none), so that a client that has replaced the
 * connection since ignores an answer to its older offer.
 */
public record Answer(String target, String sdp, @JsonInclude(JsonInclude.Include.NON_NULL) String offerId)
    implements ParticipantMessage {

  /** An answer to an offer that carried no id. */
  public Answer(String target, String sdp) {
    this(target, sdp, null);
  }
}
