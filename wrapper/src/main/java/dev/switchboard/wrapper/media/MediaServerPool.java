package dev.switchboard.wrapper.media;

import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.config.WrapperProperties.MediaServerSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.kurento.client.KurentoClient;
import org.kurento.client.KurentoObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kurento client per media server of the pool, and the choice of the least loaded one. The
 * configured servers are members from the start; discovery adds and removes members at runtime
 * ({@link #add}, {@link #remove}) and marks which ones may take new sessions ({@link #placeable}).
 *
 * <p>Thread-safe: the member map is copied on write under the pool's lock and read without one
 * (every read sees one consistent snapshot); each member guards its own connection; probes run on
 * virtual threads. Membership listeners are called under the lock, in order, and must be quick.
 */
public class MediaServerPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MediaServerPool.class);

  /** Told when a member joins or leaves the pool (health records, metrics); called under the pool's lock. */
  public interface MembershipListener {
    void added(String serverId);

    void removed(String serverId);
  }

  private final KurentoConnector connector;
  private final Clock clock;
  private final Duration retryInterval;
  /** Immutable snapshot in insertion order (configured servers first); replaced under {@code this}. */
  private volatile Map<String, MediaServerConnection> members = Map.of();
  /** Members that may not take new sessions now (a discovered server that left DNS). */
  private final Set<String> unplaceable = ConcurrentHashMap.newKeySet();
  private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
  /** Resolves a server id this pool lacks (a discovered server another instance knows first). */
  private volatile Function<String, Optional<MediaServerSpec>> unknownIds = id -> Optional.empty();
  private final Duration probeTimeout;
  private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
  private volatile MediaServerEvents events = MediaServerEvents.NONE;

  public MediaServerPool(WrapperProperties properties, KurentoConnector connector, Clock clock) {
    this.connector = connector;
    this.clock = clock;
    this.retryInterval = properties.mediaServerRetryInterval();
    Map<String, MediaServerConnection> initial = new LinkedHashMap<>();
    for (MediaServerSpec spec : properties.mediaServers()) {
      initial.put(spec.id(), new MediaServerConnection(spec, connector, clock, retryInterval));
    }
    this.members = Collections.unmodifiableMap(initial);
    this.probeTimeout = properties.mediaServerProbeTimeout();
  }

  /**
   * Adds a member at runtime (discovery), not yet connected, placeable or not; false (and nothing
   * changes) when a member of that id exists already.
   */
  public synchronized boolean add(MediaServerSpec spec, boolean placeable) {
    if (members.containsKey(spec.id())) {
      return false;
    }
    MediaServerConnection member = new MediaServerConnection(spec, connector, clock, retryInterval);
    member.listen(events);
    if (placeable) {
      unplaceable.remove(spec.id());
    } else {
      unplaceable.add(spec.id());
    }
    Map<String, MediaServerConnection> next = new LinkedHashMap<>(members);
    next.put(spec.id(), member);
    members = Collections.unmodifiableMap(next);
    listeners.forEach(listener -> listener.added(spec.id()));
    log.info("Media server {} at {} joined the pool{}", spec.id(), spec.uri(), placeable ? "" : " (takes no new sessions)");
    return true;
  }

  /** Removes a member and closes its client (its media objects stay on the server); false if absent. */
  public boolean remove(String serverId) {
    MediaServerConnection removed;
    synchronized (this) {
      removed = members.get(serverId);
      if (removed == null) {
        return false;
      }
      Map<String, MediaServerConnection> next = new LinkedHashMap<>(members);
      next.remove(serverId);
      members = Collections.unmodifiableMap(next);
      unplaceable.remove(serverId);
      listeners.forEach(listener -> listener.removed(serverId));
    }
    removed.close();
    log.info("Media server {} left the pool", serverId);
    return true;
  }

  /** Whether new and moved sessions may be placed on the member (all configured servers may). */
  public boolean placeable(String serverId) {
    return members.containsKey(serverId) && !unplaceable.contains(serverId);
  }

  /** Lets discovery stop (or resume) placing sessions on a member; no effect on an absent one. */
  public void setPlaceable(String serverId, boolean placeable) {
    if (placeable) {
      unplaceable.remove(serverId);
    } else if (members.containsKey(serverId)) {
      unplaceable.add(serverId);
    }
  }

  /**
   * Where {@link #client} looks for a server id that is not a member: another instance may have
   * placed a session on a discovered server this one has not resolved yet. A spec found there
   * joins the pool unplaceable (discovery makes it placeable once it sees it in DNS).
   */
  public void resolveUnknownIdsWith(Function<String, Optional<MediaServerSpec>> lookup) {
    this.unknownIds = lookup;
  }

  /**
   * Subscribes to membership changes; {@code listener} is first told of every current member,
   * under the same lock as later changes, so that it misses none and sees none twice.
   */
  public synchronized void watchMembership(MembershipListener listener) {
    members.keySet().forEach(listener::added);
    listeners.add(listener);
  }

  /** Connects one member in the background (a discovered server, before its first session). */
  public void connectLater(String serverId) {
    MediaServerConnection member = members.get(serverId);
    if (member != null) {
      try {
        probes.execute(member::clientOrNull);
      } catch (RejectedExecutionException e) {
        // closing
      }
    }
  }

  /**
   * Connects to every server in parallel. A server that is down does not stop the wrapper: it is
   * tried again when it is next needed.
   */
  public void connectAll() {
    List<CompletableFuture<KurentoClient>> attempts = members.values().stream()
        .map(member -> CompletableFuture.supplyAsync(member::clientOrNull, probes))
        .toList();
    attempts.forEach(CompletableFuture::join);
  }

  /** Sends every member's connection events to {@code events} (one listener; the last call wins). */
  public synchronized void listen(MediaServerEvents events) {
    this.events = events;
    members.values().forEach(member -> member.listen(events));
  }

  /**
   * The ids of every pipeline the server holds now ({@code ServerManager.getPipelines}); blocks
   * until the server answers or the client gives up, so callers bound it with their own timeout.
   */
  public Set<String> pipelineIds(String serverId) {
    // Connects first if there is no client yet (a server down when the wrapper started), at
    // most once per retry interval; a client that is reconnecting fails fast instead of
    // queueing the request for the client's 10 s.
    if (!members.containsKey(serverId)) {
      // A probe of a server that just left the pool must not bring it back (client() would).
      throw new MediaServerUnavailableException("Media server '" + serverId + "' left this wrapper's pool");
    }
    KurentoClient client = client(serverId);
    MediaServerConnection member = members.get(serverId);
    if (member == null || !member.isConnected()) {
      throw new MediaServerUnavailableException("Media server '" + serverId + "' is not connected");
    }
    Set<String> ids = new HashSet<>();
    client.getServerManager().getPipelines().forEach(pipeline -> ids.add(pipeline.getId()));
    return ids;
  }

  public Duration probeTimeout() {
    return probeTimeout;
  }

  /** Pool members in configuration order, then discovered ones in the order they joined. */
  public List<String> serverIds() {
    return List.copyOf(members.keySet());
  }

  public boolean isConnected(String serverId) {
    MediaServerConnection member = members.get(serverId);
    return member != null && member.isConnected();
  }

  /** The client of one server, connecting first if needed; throws if it cannot be reached. */
  public KurentoClient client(String serverId) {
    MediaServerConnection member = members.get(serverId);
    if (member == null) {
      member = unknownIds.apply(serverId).map(spec -> {
        add(spec, false);
        return members.get(spec.id());
      }).orElse(null);
    }
    if (member == null) {
      throw new MediaServerUnavailableException("Media server '" + serverId + "' is not in this wrapper's pool");
    }
    KurentoClient client = member.clientOrNull();
    if (client == null) {
      throw new MediaServerUnavailableException("Media server '" + serverId + "' is unreachable");
    }
    return client;
  }

  /** A local proxy of a stored object; {@code getById} makes no call to the server. */
  public <T extends KurentoObject> T resolve(KurentoRef ref, Class<T> type) {
    return client(ref.server()).getById(ref.id(), type);
  }

  /**
   * The reachable server using the least memory ({@code ServerManager.getUsedMemory}); on a tie
   * the first in configuration order. Servers are asked in parallel and one that does not
   * answer within the probe timeout is skipped.
   */
  public String leastLoaded() {
    return leastLoaded(serverIds());
  }

  /** {@link #leastLoaded()} among {@code candidates} only (servers that may take sessions). */
  public String leastLoaded(Collection<String> candidates) {
    Map<String, CompletableFuture<Long>> answers = new LinkedHashMap<>();
    members.values().stream().filter(member -> candidates.contains(member.id())).forEach(member ->
        answers.put(member.id(), CompletableFuture.supplyAsync(() -> usedMemory(member), probes)));
    long deadline = System.nanoTime() + probeTimeout.toNanos();
    String best = null;
    long bestMemory = Long.MAX_VALUE;
    List<String> loads = new ArrayList<>();
    for (Map.Entry<String, CompletableFuture<Long>> answer : answers.entrySet()) {
      Long memory = await(answer.getKey(), answer.getValue(), deadline);
      if (memory == null) {
        continue;
      }
      loads.add(answer.getKey() + "=" + memory + "KiB");
      if (memory < bestMemory) {
        best = answer.getKey();
        bestMemory = memory;
      }
    }
    if (best == null) {
      throw new MediaServerUnavailableException("No media server of " + candidates + " is reachable");
    }
    log.info("Picked media server {} (used memory {})", best, loads);
    return best;
  }

  private Long usedMemory(MediaServerConnection member) {
    KurentoClient client = member.clientOrNull();
    if (client == null) {
      return null;
    }
    return client.getServerManager().getUsedMemory();
  }

  private Long await(String serverId, CompletableFuture<Long> answer, long deadlineNanos) {
    try {
      return answer.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      log.warn("Media server {} did not report its load within {}", serverId, probeTimeout);
    } catch (ExecutionException e) {
      log.warn("Media server {} could not report its load: {}", serverId, e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaServerUnavailableException("Interrupted while choosing a media server");
    }
    return null;
  }

  @Override
  public void close() {
    members.values().forEach(MediaServerConnection::close);
    probes.shutdownNow();
  }
}
