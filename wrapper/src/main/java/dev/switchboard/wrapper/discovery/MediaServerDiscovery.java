package dev.switchboard.wrapper.discovery;

import dev.switchboard.wrapper.config.DiscoveryProperties;
import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.config.WrapperProperties.MediaServerSpec;
import dev.switchboard.wrapper.failover.MediaServerMonitor;
import dev.switchboard.wrapper.failover.MediaServerPlacement;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.media.MediaServerUnavailableException;
import dev.switchboard.wrapper.session.SessionBindings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the media-server pool equal to what a DNS name (a Kubernetes headless service) resolves
 * to, plus the configured servers: every {@code interval} it resolves the name; a new address joins
 * the pool at once ({@code dns-ADDRESS}); an address that left DNS (its pod is terminating or not
 * ready) takes no new sessions, its sessions are moved through the drain path
 * ({@link MediaServerMonitor#moveSessions}, cause "drained": claimed once across instances, clients
 * told), and it leaves the pool once no session is bound to it. A failed resolution keeps the last
 * answer. Every instance resolves by itself; they agree within one interval, and moves are
 * exactly-once because recovery claims each session in MongoDB.
 *
 * <p>Threading: one scheduler thread resolves and updates the pool; moves run on virtual threads,
 * at most one per server at a time. The state maps are touched by the scheduler thread only.
 */
@Component
public class MediaServerDiscovery implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(MediaServerDiscovery.class);
  /** Bound on one move of a server's sessions (they move in parallel). */
  static final Duration MOVE_TIMEOUT = Duration.ofSeconds(60);
  /**
   * Resolutions a discovered server this instance never saw in DNS (added because another
   * instance stored it) must be missing from before its sessions are moved: this instance's view
   * may simply lag behind the other's.
   */
  static final int UNSEEN_ABSENCES_BEFORE_MOVE = 2;
  /** A resolution failure is logged as a WARN on the first and every this many in a row. */
  private static final int FAILURE_LOG_EVERY = 12;

  private final DiscoveryProperties settings;
  private final Set<String> configured;
  private final MediaServerPool pool;
  private final SessionBindings bindings;
  private final MediaServerMonitor monitor;
  private final MediaServerPlacement placement;
  private final AddressResolver resolver;
  private final Counter resolved;
  private final Counter failed;
  private final AtomicInteger lastAnswerSize = new AtomicInteger();
  /** Discovered servers in the last successful answer. */
  private final Set<String> inDns = ConcurrentHashMap.newKeySet();
  /** Discovered servers this instance has seen in DNS at least once while they were members. */
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  /** Consecutive successful answers a discovered member was missing from. */
  private final Map<String, Integer> absences = new HashMap<>();
  private final Set<String> moving = ConcurrentHashMap.newKeySet();
  private int failuresInARow;
  private ScheduledExecutorService scheduler;
  private volatile boolean running;

  /** Spring's constructor: an {@link AddressResolver} bean replaces the JVM's resolver (tests). */
  @Autowired
  public MediaServerDiscovery(DiscoveryProperties settings, WrapperProperties properties, MediaServerPool pool,
      SessionBindings bindings, MediaServerMonitor monitor, MediaServerPlacement placement,
      ObjectProvider<AddressResolver> resolver, MeterRegistry registry) {
    this(settings, properties, pool, bindings, monitor, placement, resolver.getIfAvailable(SystemAddressResolver::new),
        registry);
  }

  MediaServerDiscovery(DiscoveryProperties settings, WrapperProperties properties, MediaServerPool pool,
      SessionBindings bindings, MediaServerMonitor monitor, MediaServerPlacement placement, AddressResolver resolver,
      MeterRegistry registry) {
    this.settings = settings;
    this.configured = Set.copyOf(properties.mediaServers().stream().map(MediaServerSpec::id).toList());
    this.pool = pool;
    this.bindings = bindings;
    this.monitor = monitor;
    this.placement = placement;
    this.resolver = resolver;
    this.resolved = Counter.builder("switchboard.wrapper.discovery.resolutions").tag("outcome", "ok")
        .description("Resolutions of the media-server discovery name").register(registry);
    this.failed = Counter.builder("switchboard.wrapper.discovery.resolutions").tag("outcome", "failed")
        .description("Resolutions of the media-server discovery name").register(registry);
    Gauge.builder("switchboard.wrapper.discovery.servers", lastAnswerSize, AtomicInteger::get)
        .description("Media servers in the last answer of the discovery name").register(registry);
    if (settings.enabled()) {
      pool.resolveUnknownIdsWith(id -> configured.contains(id) ? java.util.Optional.empty()
          : DiscoveredServerIds.specOf(id, settings));
    }
  }

  /** Resolves once before the wrapper consumes commands (phase 0), so a first session finds a server. */
  @Override
  public synchronized void start() {
    if (running || !settings.enabled()) {
      return;
    }
    running = true;
    log.info("Discovering media servers at {} (ws://ADDRESS:{}/{}) every {}", settings.dnsName(), settings.port(),
        settings.path(), settings.interval());
    resolveOnce();
    scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("media-discovery").factory());
    long millis = settings.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::resolveSafely, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void resolveSafely() {
    try {
      resolveOnce();
    } catch (RuntimeException e) {
      log.warn("Media-server discovery round failed: {}", e.toString());
    }
  }

  /** One round: resolve, add new servers, mark vanished ones, move or drop what left DNS. */
  void resolveOnce() {
    Map<String, MediaServerSpec> answer = new LinkedHashMap<>();
    try {
      for (InetAddress address : resolver.resolve(settings.dnsName())) {
        MediaServerSpec spec = DiscoveredServerIds.specOf(address, settings);
        if (!configured.contains(spec.id())) {
          answer.put(spec.id(), spec);
        }
      }
    } catch (Exception e) {
      // NXDOMAIN (no ready pod), a DNS outage or a bad answer look alike here: keep the last set.
      failed.increment();
      failuresInARow++;
      if (failuresInARow == 1 || failuresInARow % FAILURE_LOG_EVERY == 0) {
        log.warn("Could not resolve media-server name {} ({} time(s) in a row); keeping the last known {}: {}",
            settings.dnsName(), failuresInARow, inDns, e.toString());
      }
      return;
    }
    resolved.increment();
    if (failuresInARow > 0) {
      log.info("Media-server name {} resolves again after {} failure(s)", settings.dnsName(), failuresInARow);
      failuresInARow = 0;
    }
    lastAnswerSize.set(answer.size());
    for (MediaServerSpec spec : answer.values()) {
      arrived(spec);
    }
    for (String id : List.copyOf(inDns)) {
      if (!answer.containsKey(id)) {
        inDns.remove(id);
        pool.setPlaceable(id, false);
        log.info("Media server {} left DNS name {}: it takes no new sessions, and its sessions move away",
            id, settings.dnsName());
      }
    }
    for (String id : pool.serverIds()) {
      if (!configured.contains(id) && !answer.containsKey(id) && DiscoveredServerIds.addressOf(id).isPresent()) {
        leaving(id);
      }
    }
    absences.keySet().retainAll(pool.serverIds());
  }

  private void arrived(MediaServerSpec spec) {
    String id = spec.id();
    absences.remove(id);
    seen.add(id);
    if (inDns.add(id)) {
      if (pool.add(spec, true)) {
        pool.connectLater(id);
      } else {
        // Back (a flapping readiness), or known already because another instance stored it.
        pool.setPlaceable(id, true);
        log.info("Media server {} is in DNS name {}: it takes new sessions", id, settings.dnsName());
      }
    }
  }

  /** A discovered member missing from the answer: drop it once nothing is bound to it, else move its sessions. */
  private void leaving(String id) {
    int missing = absences.merge(id, 1, Integer::sum);
    if (bindings.pipelinesBoundTo(id).isEmpty()) {
      if (!moving.contains(id) && pool.remove(id)) {
        seen.remove(id);
        absences.remove(id);
        log.info("Media server {} has no session left and is out of DNS: removed from the pool", id);
      }
      return;
    }
    int needed = seen.contains(id) ? 1 : UNSEEN_ABSENCES_BEFORE_MOVE;
    if (missing >= needed) {
      moveAsync(id);
    }
  }

  /** Moves the server's sessions on a virtual thread unless a move of it is under way already. */
  private void moveAsync(String id) {
    try {
      placement.choose(null, Set.of(id));
    } catch (MediaServerUnavailableException e) {
      // Moving now would leave its calls without media: they stay until another server appears
      // (or this one goes, when failover takes over).
      log.warn("Media server {} left DNS but no other media server can take its sessions yet: {}", id, e.getMessage());
      return;
    }
    if (!moving.add(id)) {
      return;
    }
    Thread.ofVirtual().name("discovery-move-" + id).start(() -> {
      try {
        int moved = monitor.moveSessions(id, MOVE_TIMEOUT);
        log.info("Moved {} session(s) off media server {}, which left DNS", moved, id);
      } catch (RuntimeException e) {
        log.warn("Moving the sessions off media server {} failed: {}", id, e.toString());
      } finally {
        moving.remove(id);
      }
    });
  }

  /** Discovered servers in the last successful answer (tests, logs). */
  Set<String> inDns() {
    return Set.copyOf(inDns);
  }

  boolean isMoving(String id) {
    return moving.contains(id);
  }
}
