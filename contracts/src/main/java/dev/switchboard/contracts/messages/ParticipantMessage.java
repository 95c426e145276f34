package dev.switchboard.contracts.messages;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message for a participant, put by a wrapper in {@code user.{pid}} (directly, or for everyone
 * through the fanout exchange {@code session.{sid}}) and read by the participant's polls.
 * Immutable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ExistingParticipants.class, name = "existingParticipants"),
    @JsonSubTypes.Type(value = ParticipantJoined.class, name = "participantJoined"),
    @JsonSubTypes.Type(value = ParticipantLeft.class, name = "participantLeft"),
    @JsonSubTypes.Type(value = Answer.class, name = "answer"),
    @JsonSubTypes.Type(value = IceCandidateFound.class, name = "iceCandidate"),
    @JsonSubTypes.Type(value = MediaServerLost.class, name = "mediaServerLost"),
    @JsonSubTypes.Type(value = ConnectionFailed.class, name = "connectionFailed"),
    @JsonSubTypes.Type(value = SessionClosed.class, name = "sessionClosed"),
    @JsonSubTypes.Type(value = RequestFailed.class, name = "error"),
})
public sealed interface ParticipantMessage
    permits ExistingParticipants, ParticipantJoined, ParticipantLeft, Answer, IceCandidateFound, MediaServerLost,
        ConnectionFailed, SessionClosed, RequestFailed {}
