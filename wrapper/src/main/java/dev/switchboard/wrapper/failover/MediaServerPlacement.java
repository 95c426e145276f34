package dev.switchboard.wrapper.failover;

import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.media.MediaServerUnavailableException;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Chooses the media server of a new or moved session among those that may take one: healthy,
 * not quarantined, not drained by the operator, and placeable in the pool (a discovered server
 * that left DNS is not); stateless apart from what it asks (thread-safe).
 *
 * <p>Quarantine is a preference, not a ban: when every other server is down or drained, a
 * quarantined server that answers now is chosen, since a call on a flapping server beats no call.
 */
@Component
public class MediaServerPlacement {
  private final MediaServerPool pool;
  private final ServerHealthBoard health;
  private final DrainedServers drained;

  public MediaServerPlacement(MediaServerPool pool, ServerHealthBoard health, DrainedServers drained) {
    this.pool = pool;
    this.health = health;
    this.drained = drained;
  }

  /** The least loaded usable server; throws {@link MediaServerUnavailableException} if there is none. */
  public String choose() {
    return choose(null, Set.of());
  }

  /**
   * {@code preferred} (the server a session was dropped from) when it is usable and connected
   * again, else the usable server with the lowest memory use, never one of {@code excluded}.
   */
  public String choose(String preferred, Set<String> excluded) {
    Set<String> drainedNow = drained.drained();
    List<String> candidates = pool.serverIds().stream()
        .filter(id -> !excluded.contains(id) && !drainedNow.contains(id) && pool.placeable(id) && health.usable(id))
        .toList();
    if (candidates.isEmpty()) {
      candidates = pool.serverIds().stream()
          .filter(id -> !excluded.contains(id) && !drainedNow.contains(id) && pool.placeable(id) && health.healthy(id)
              && pool.isConnected(id))
          .toList();
    }
    if (candidates.isEmpty()) {
      throw new MediaServerUnavailableException("No media server may take a session now (of " + pool.serverIds()
          + ": drained " + drainedNow + ", the others leaving, unhealthy or quarantined)");
    }
    if (preferred != null && candidates.contains(preferred) && pool.isConnected(preferred)) {
      return preferred;
    }
    return pool.leastLoaded(candidates);
  }
}
