package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.DrainMediaServer;
import dev.switchboard.wrapper.failover.DrainedServers;
import dev.switchboard.wrapper.failover.MediaServerMonitor;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.session.SessionBindings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Drains a media server: records the flag every instance reads (no new sessions land there),
 * and with {@code moveSessions} moves its sessions now through the recovery path (cause
 * "drained", clients told, old pipelines released). Stateless; idempotent (a redelivery finds
 * the flag set and no sessions left to move).
 */
@Component
public class DrainMediaServerHandler implements CommandHandler<DrainMediaServer> {
  private static final Logger log = LoggerFactory.getLogger(DrainMediaServerHandler.class);
  /** Long enough for many sessions moved in parallel; a command's handling must end eventually. */
  private static final Duration MOVE_TIMEOUT = Duration.ofSeconds(60);

  private final MediaServerPool pool;
  private final DrainedServers drained;
  private final MediaServerMonitor monitor;
  private final SessionBindings bindings;

  public DrainMediaServerHandler(MediaServerPool pool, DrainedServers drained, MediaServerMonitor monitor,
      SessionBindings bindings) {
    this.pool = pool;
    this.drained = drained;
    this.monitor = monitor;
    this.bindings = bindings;
  }

  @Override
  public Class<DrainMediaServer> commandType() {
    return DrainMediaServer.class;
  }

  @Override
  public void handle(DrainMediaServer command) {
    String server = command.mediaServer();
    if (!pool.serverIds().contains(server)) {
      throw new CommandRejectedException("UNKNOWN_MEDIA_SERVER", "Media server '" + server + "' is not in the pool");
    }
    drained.setDrained(server, true);
    log.info("Media server {} is drained: it gets no new sessions", server);
    if (!command.moveSessions()) {
      return;
    }
    int moved = monitor.moveSessions(server, MOVE_TIMEOUT);
    int left = bindings.findBoundTo(server).size();
    log.info("Moved {} session(s) off drained media server {}; {} still bound to it", moved, server, left);
  }
}
