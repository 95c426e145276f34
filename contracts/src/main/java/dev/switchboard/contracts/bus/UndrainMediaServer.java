package dev.switchboard.contracts.bus;

import java.time.Instant;

/** Undo a drain: the media server may take new sessions again. */
public record UndrainMediaServer(String commandId, String mediaServer, Instant issuedAt) implements MediaServerCommand {}
