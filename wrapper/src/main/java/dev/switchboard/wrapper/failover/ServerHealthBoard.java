package dev.switchboard.wrapper.failover;

import dev.switchboard.wrapper.config.FailoverProperties;
import dev.switchboard.wrapper.media.MediaServerPool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This instance's {@link ServerHealth} of every pool member, with the metrics
 * {@code switchboard.media.server.failures{server}} (outages counted) and
 * {@code switchboard.media.servers.quarantined} (servers in quarantine now). Follows the pool's
 * membership (discovered servers come and go). Thread-safe: concurrent maps, each record guards
 * itself; questions about a server that has just left the pool are answered "not usable".
 */
@Component
public class ServerHealthBoard implements MediaServerPool.MembershipListener {
  private static final Logger log = LoggerFactory.getLogger(ServerHealthBoard.class);

  private final Map<String, ServerHealth> records = new ConcurrentHashMap<>();
  private final Map<String, Counter> failures = new ConcurrentHashMap<>();
  private final Clock clock;
  private final FailoverProperties settings;
  private final MeterRegistry registry;

  // Subscribing hands out "this" last, when every field is set: the replayed additions find them ready.
  @SuppressWarnings("this-escape")
  public ServerHealthBoard(MediaServerPool pool, Clock clock, FailoverProperties settings, MeterRegistry registry) {
    this.clock = clock;
    this.settings = settings;
    this.registry = registry;
    pool.watchMembership(this);
    Gauge.builder("switchboard.media.servers.quarantined", this, ServerHealthBoard::quarantinedCount)
        .description("Media servers in quarantine after repeated failures").register(registry);
  }

  @Override
  public void added(String serverId) {
    records.computeIfAbsent(serverId, id -> new ServerHealth(id, clock, settings));
    failures.computeIfAbsent(serverId, id -> Counter.builder("switchboard.media.server.failures")
        .description("Outages of a media server seen by this instance (lost connection, failed probe)")
        .tag("server", id).register(registry));
  }

  @Override
  public void removed(String serverId) {
    records.remove(serverId);
    Counter counter = failures.remove(serverId);
    if (counter != null) {
      registry.remove(counter);
    }
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
    ServerHealth health = records.get(serverId);
    if (health == null || !health.failed()) {
      return false; // unknown: it left the pool meanwhile
    }
    Counter counter = failures.get(serverId);
    if (counter != null) {
      counter.increment();
    }
    if (health.quarantined()) {
      log.warn("Media server {} failed ({}): failure {} within the flap window, quarantined until {}", serverId, why,
          health.recentFailures(), health.quarantinedUntil());
    } else {
      log.warn("Media server {} failed ({}); it may be used again as soon as it answers", serverId, why);
    }
    return true;
  }

  public void succeeded(String serverId) {
    ServerHealth health = records.get(serverId);
    if (health == null) {
      return; // it left the pool meanwhile
    }
    if (!health.healthy()) {
      log.info("Media server {} answers again{}", serverId,
          health.quarantined() ? " (quarantined until " + health.quarantinedUntil() + ")" : "");
    }
    health.succeeded();
  }

  /** When the current outage of the server was noticed; null while healthy or unknown. */
  public Instant unhealthySince(String serverId) {
    ServerHealth health = records.get(serverId);
    return health == null ? null : health.unhealthySince();
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
