package dev.switchboard.e2e.chaos;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.switchboard.contracts.Topology;
import dev.switchboard.local.LocalCluster;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.local.support.TestCluster;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bson.Document;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaObject;
import org.kurento.client.MediaPipeline;
import org.kurento.client.internal.server.KurentoServerException;

/**
 * One chaos test's local cluster (separate processes behind the round-robin front) and the tools
 * its checks share: retried requests, figures printed as {@code CHAOS <test> key=value} lines,
 * reads of the stored sessions (MongoDB), of the medianodes' objects (Kurento protocol) and of
 * queue consumers (AMQP). Thread-safe. Closing stops the cluster and deletes what the test left
 * on the broker; the data folder (logs) is kept when the test did not pass.
 */
final class ChaosHarness implements AutoCloseable {
  /** The shared system broker; the vhost comes from SPRING_RABBITMQ_VIRTUALHOST, which the children inherit. */
  static final String SYSTEM_AMQP = "amqp://guest:guest@127.0.0.1:5672";
  static final Duration RETRY_PAUSE = Duration.ofMillis(200);

  final String test;
  final Path dataDir;
  final LocalCluster cluster;
  final String front;
  final ApiClient client;
  final List<ChaosParticipant> participants = new CopyOnWriteArrayList<>();
  /** Requests repeated because the first attempt failed (an instance died under it, 502, 503). */
  final AtomicLong requestRetries = new AtomicLong();
  private final String amqpUri;
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private volatile boolean passed;

  private ChaosHarness(String test, Path dataDir, LocalCluster cluster, String amqpUri) {
    this.test = test;
    this.dataDir = dataDir;
    this.cluster = cluster;
    this.front = cluster.url();
    this.client = new ApiClient(cluster.applicationKey());
    this.amqpUri = amqpUri;
  }

  static ChaosHarness start(String test, int apis, int wrappers, int medianodes, String amqpUri) throws Exception {
    // Under target/ rather than a JUnit temp dir, so that the processes' logs outlive a failed run.
    Path dataDir = Path.of("target", "chaos-" + test + "-" + System.currentTimeMillis()).toAbsolutePath();
    long started = System.nanoTime();
    LocalCluster cluster = LocalCluster.start(new LocalCluster.Spec(apis, wrappers, medianodes, 0, dataDir, amqpUri),
        System.out);
    ChaosHarness harness = new ChaosHarness(test, dataDir, cluster, amqpUri);
    harness.figure("clusterStartMs", millisSince(started));
    System.out.printf("CHAOS %s cluster logs in %s%n", test, dataDir.resolve("cluster/logs"));
    return harness;
  }

  /**
   * Sends until the expected status comes back, as a client retries while an instance is down;
   * fails after a minute. Every repeat counts in {@link #requestRetries}.
   */
  ApiClient.Reply retrying(String what, int expected, Supplier<ApiClient.Reply> request) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        ApiClient.Reply reply = request.get();
        if (reply.status() == expected) {
          return reply;
        }
        if (reply.status() < 500 && reply.status() != 409) {
          throw new AssertionError(what + ": HTTP " + reply.status() + " " + reply.body());
        }
        last = reply.status() + " " + reply.body();
      } catch (IllegalStateException e) {
        last = e.getMessage();
      }
      requestRetries.incrementAndGet();
      pause(RETRY_PAUSE);
    }
    throw new AssertionError(what + " did not succeed within 60 s; last: " + last);
  }

  String createSession() {
    ApiClient.Reply reply = retrying("create session", 201, () -> client.send(front, "POST", "/api/sessions", client.applicationKey(), null));
    String sessionId = reply.as(dev.switchboard.contracts.rest.CreateSessionResponse.class).sessionId();
    client.createdSessions.add(sessionId);
    return sessionId;
  }

  /** Records a figure for the block printed by {@link #printFigures}; also printed at once. */
  synchronized void figure(String key, Object value) {
    figures.put(key, value);
    System.out.printf("CHAOS %s %s=%s%n", test, key, value);
  }

  synchronized void printFigures() {
    System.out.println("CHAOS ==== " + test + " ====");
    figures.forEach((key, value) -> System.out.printf("CHAOS %s %s=%s%n", test, key, value));
  }

  void passed() {
    passed = true;
  }

  /** The stored session documents with these ids. */
  List<Document> sessionDocuments(Collection<String> sessionIds) {
    try (MongoClient mongo = MongoClients.create(cluster.mongoUri())) {
      return mongo.getDatabase("switchboard").getCollection(Topology.SESSIONS_COLLECTION)
          .find(Filters.in("_id", sessionIds)).into(new ArrayList<>());
    }
  }

  /** Every endpoint id the session documents reference: publishers and receivers. */
  static List<String> storedEndpointIds(List<Document> sessions) {
    List<String> ids = new ArrayList<>();
    for (Document session : sessions) {
      for (Document participant : session.getList("participants", Document.class, List.of())) {
        Document publisher = participant.get("publisher", Document.class);
        if (publisher != null) {
          ids.add(publisher.getString("id"));
        }
        for (Document receiver : participant.getList("receivers", Document.class, List.of())) {
          ids.add(receiver.get("endpoint", Document.class).getString("id"));
        }
      }
    }
    return ids;
  }

  /** The WebRtcEndpoints that exist on every medianode, per pipeline id. */
  Map<String, List<String>> webRtcEndpointsOnMedianodes() {
    Map<String, List<String>> byPipeline = new LinkedHashMap<>();
    for (URI url : cluster.mediaServerUrls().values()) {
      KurentoClient kurento = KurentoClient.create(url.toString());
      try {
        for (MediaPipeline pipeline : kurento.getServerManager().getPipelines()) {
          List<String> endpoints = new ArrayList<>();
          try {
            for (MediaObject child : pipeline.getChildren()) {
              if (child.getId().endsWith("WebRtcEndpoint")) {
                endpoints.add(child.getId());
              }
            }
          } catch (KurentoServerException e) {
            continue; // released between the listing and this read: a session that just ended
          }
          byPipeline.put(pipeline.getId(), endpoints);
        }
      } finally {
        kurento.destroy();
      }
    }
    return byPipeline;
  }

  /** How many consumers the broker counts on a queue (each wrapper listening adds its own). */
  int consumerCount(String queue) throws Exception {
    try (Connection connection = brokerConnection("chaos-probe"); Channel channel = connection.createChannel()) {
      return channel.queueDeclarePassive(queue).getConsumerCount();
    }
  }

  private Connection brokerConnection(String name) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(amqpUri);
    factory.setVirtualHost(System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/"));
    return factory.newConnection(name);
  }

  /** The Prometheus samples of one service whose line starts with {@code prefix}, summed. */
  double scrape(String service, String prefix) {
    ApiClient.Reply reply = client.send(cluster.serviceUrls().get(service).toString(), "GET", "/actuator/prometheus",
        null, null);
    return reply.body().lines().filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value at quantile q (0..1) of the samples, nearest rank. */
  static long quantile(List<Long> samples, double q) {
    if (samples.isEmpty()) {
      return -1;
    }
    List<Long> sorted = samples.stream().sorted().toList();
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  @Override
  public void close() {
    printFigures();
    participants.forEach(ChaosParticipant::close);
    cluster.close();
    deleteBrokerObjects();
    if (passed) {
      try (Stream<Path> paths = Files.exists(dataDir) ? Files.walk(dataDir) : Stream.empty()) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // only disk space
      }
    }
  }

  /**
   * The session queues and exchanges and the user queues of this test. Left behind, each queue
   * holds broker file descriptors, and a few hundred exhaust a shared broker (new connections are
   * then refused, this clean-up's too): so it is tried several times, after the cluster's own
   * connections are gone.
   */
  private void deleteBrokerObjects() {
    Set<String> sessions = new HashSet<>(client.createdSessions);
    for (int attempt = 1; attempt <= 5; attempt++) {
      try (Connection connection = brokerConnection("chaos-cleanup")) {
        for (String sid : sessions) {
          TestCluster.deleteQuietly(connection, c -> c.queueDelete(Topology.sessionQueue(sid)));
          TestCluster.deleteQuietly(connection, c -> c.exchangeDelete(Topology.sessionExchange(sid)));
        }
        for (String pid : client.createdParticipants) {
          TestCluster.deleteQuietly(connection, c -> c.queueDelete(Topology.userQueue(pid)));
        }
        return;
      } catch (Exception e) {
        System.out.println("CHAOS " + test + " broker cleanup attempt " + attempt + " failed: " + e);
        pause(Duration.ofSeconds(2));
      }
    }
  }
}
