package dev.switchboard.contracts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a participant's token allows beyond polling and leaving: sending its own media
 * ({@code publish}) and receiving others' ({@code receive}). The application chooses them at join,
 * as LiveKit's canPublish and canSubscribe grants; immutable.
 */
public enum ParticipantRight {
  @JsonProperty("publish") PUBLISH,
  @JsonProperty("receive") RECEIVE;

  /** The rights of a join that names none: a full member of the call. */
  public static Set<ParticipantRight> all() {
    return EnumSet.allOf(ParticipantRight.class);
  }

  /** The name in JSON and in tokens. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
