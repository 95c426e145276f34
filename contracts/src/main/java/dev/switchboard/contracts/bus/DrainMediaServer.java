package dev.switchboard.contracts.bus;

import java.time.Instant;

/**
 * Drain a media server (scale-in): it gets no new sessions; with {@code moveSessions} its
 * sessions move now to other servers, their participants told with {@code MediaServerLost}.
 */
public record DrainMediaServer(String commandId, String mediaServer, boolean moveSessions, Instant issuedAt)
    implements MediaServerCommand {}
