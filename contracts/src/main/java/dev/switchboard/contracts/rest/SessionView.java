package dev.switchboard.contracts.rest;

import java.util.List;

/** Answer to {@code GET /api/sessions/{sid}}: who is in the session. */
public record SessionView(String sessionId, String state, List<ParticipantView> participants) {}
