package dev.switchboard.wrapper.failover;

import dev.switchboard.wrapper.config.FailoverProperties;
import dev.switchboard.wrapper.media.MediaServerPool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This instance's {@link ServerHealth} of every pool member, with the metrics
 * {@code switchboard.media.server.failures{server}} (outages counted) and
 * {@code switchboard.media.servers.quarantined} (servers in quarantine now). Thread-safe: the
 * map is built once, each record guards itself.
 */
@Component
public class ServerHealthBoard {
  private static final Logger log = LoggerFactory.getLogger(ServerHealthBoard.class);

  private final Map<String, ServerHealth> records = new LinkedHashMap<>();
  private final Map<String, Counter> failures = new LinkedHashMap<>();

  public ServerHealthBoard(MediaServerPool pool, Clock clock, FailoverProperties settings, MeterRegistry registry) {
    for (String id : pool.serverIds()) {
      records.put(id, new ServerHealth(id, clock, settings));
      failures.put(id, Counter.builder("switchboard.media.server.failures")
          .description("Outages of a media server seen by this instance (lost connection, failed probe)")
          .tag("server", id).register(registry));
    }
    Gauge.builder("switchboard.media.servers.quarantined", this, ServerHealthBoard::quarantinedCount)
        .description("Media servers in quarantine after repeated failures").register(registry);
  }

  public ServerHealth of(String serverId) {
    ServerHealth health = records.get(serverId);
    if (health == null) {
      throw new IllegalArgumentException("Media server '" + serverId + "' is not in this wrapper's pool");
    }
    return health;
  }

  /** Records a failure; true (and counted, logged) when it starts a new outage. */
  public boolean failed(String serverId, String why) {
    ServerHealth health = of(serverId);
    if (!health.failed()) {
      return false;
    }
    failures.get(serverId).increment();
    if (health.quarantined()) {
      log.warn("Media server {} failed ({}): failure {} within the flap window, quarantined until {}", serverId, why,
          health.recentFailures(), health.quarantinedUntil());
    } else {
      log.warn("Media server {} failed ({}); it may be used again as soon as it answers", serverId, why);
    }
    return true;
  }

  public void succeeded(String serverId) {
    ServerHealth health = of(serverId);
    if (!health.healthy()) {
      log.info("Media server {} answers again{}", serverId,
          health.quarantined() ? " (quarantined until " + health.quarantinedUntil() + ")" : "");
    }
    health.succeeded();
  }

  public boolean usable(String serverId) {
    ServerHealth health = records.get(serverId);
    return health != null && health.usable();
  }

  /** Answering now, quarantined or not: the last resort when no server is {@link #usable}. */
  public boolean healthy(String serverId) {
    ServerHealth health = records.get(serverId);
    return health != null && health.healthy();
  }

  public int quarantinedCount() {
    return (int) records.values().stream().filter(ServerHealth::quarantined).count();
  }
}
