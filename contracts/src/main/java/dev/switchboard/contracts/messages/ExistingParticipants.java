package dev.switchboard.contracts.messages;

import dev.switchboard.contracts.rest.ParticipantView;
import java.util.List;

/** To a joiner: who was already in the session, so it can ask for their media. */
public record ExistingParticipants(List<ParticipantView> participants) implements ParticipantMessage {}
