package dev.switchboard.contracts.rest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Body of {@code POST /api/sessions/{sid}/participants}, sent by the application with its key:
 * the name others see and the participant's rights ({@code null}: publish and receive).
 */
public record JoinRequest(String name, List<ParticipantRight> rights) {
  public JoinRequest {
    // Not List.copyOf: a null element must reach the api's checks, which name the problem.
    rights = rights == null ? null : Collections.unmodifiableList(new ArrayList<>(rights));
  }
}
