package dev.switchboard.wrapper.media;

import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.config.WrapperProperties.MediaServerSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kurento.client.KurentoClient;
import org.kurento.client.KurentoObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kurento client per configured media server, and the choice of the least loaded one;
 * thread-safe (each member guards its own connection, probes run on virtual threads).
 */
public class MediaServerPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MediaServerPool.class);

  private final Map<String, MediaServerConnection> members = new LinkedHashMap<>();
  private final Duration probeTimeout;
  private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();

  public MediaServerPool(WrapperProperties properties, KurentoConnector connector, Clock clock) {
    for (MediaServerSpec spec : properties.mediaServers()) {
      members.put(spec.id(), new MediaServerConnection(spec, connector, clock, properties.mediaServerRetryInterval()));
    }
    this.probeTimeout = properties.mediaServerProbeTimeout();
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
  public void listen(MediaServerEvents events) {
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
    KurentoClient client = client(serverId);
    if (!members.get(serverId).isConnected()) {
      throw new MediaServerUnavailableException("Media server '" + serverId + "' is not connected");
    }
    Set<String> ids = new HashSet<>();
    client.getServerManager().getPipelines().forEach(pipeline -> ids.add(pipeline.getId()));
    return ids;
  }

  public Duration probeTimeout() {
    return probeTimeout;
  }

  /** Pool members in configuration order. */
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
    return leastLoaded(members.keySet());
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
