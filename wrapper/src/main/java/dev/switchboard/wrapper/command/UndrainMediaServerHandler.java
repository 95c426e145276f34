package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.UndrainMediaServer;
import dev.switchboard.wrapper.failover.DrainedServers;
import dev.switchboard.wrapper.media.MediaServerPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Undoes a drain: the media server may take new sessions again. Stateless; idempotent. */
@Component
public class UndrainMediaServerHandler implements CommandHandler<UndrainMediaServer> {
  private static final Logger log = LoggerFactory.getLogger(UndrainMediaServerHandler.class);

  private final MediaServerPool pool;
  private final DrainedServers drained;

  public UndrainMediaServerHandler(MediaServerPool pool, DrainedServers drained) {
    this.pool = pool;
    this.drained = drained;
  }

  @Override
  public Class<UndrainMediaServer> commandType() {
    return UndrainMediaServer.class;
  }

  @Override
  public void handle(UndrainMediaServer command) {
    String server = command.mediaServer();
    if (!pool.serverIds().contains(server)) {
      throw new CommandRejectedException("UNKNOWN_MEDIA_SERVER", "Media server '" + server + "' is not in the pool");
    }
    drained.setDrained(server, false);
    log.info("Media server {} is no longer drained", server);
  }
}
