package dev.switchboard.wrapper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.contracts.bus.CreateSession;
import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.bus.LeaveSession;
import dev.switchboard.contracts.webhooks.MediaServerLost;
import dev.switchboard.contracts.webhooks.ParticipantJoined;
import dev.switchboard.contracts.webhooks.ParticipantLeft;
import dev.switchboard.contracts.webhooks.WebhookEvent;
import dev.switchboard.contracts.webhooks.WebhookHeaders;
import dev.switchboard.wrapper.WrapperApplication;
import dev.switchboard.wrapper.command.CommandDispatcher;
import dev.switchboard.wrapper.failover.RecoveryCause;
import dev.switchboard.wrapper.failover.SessionRecovery;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.session.SessionStore;
import dev.switchboard.wrapper.testing.Broker;
import dev.switchboard.wrapper.testing.EmbeddedMongo;
import dev.switchboard.wrapper.testing.WrapperTestConfiguration;
import dev.switchboard.wrapper.webhooks.RetryBackoff;
import dev.switchboard.wrapper.webhooks.WebhookMetrics;
import dev.switchboard.wrapper.webhooks.WebhookTopology;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end against the real RabbitMQ and the embedded MongoDB, with a real HTTP
 * receiver on 127.0.0.1 that verifies every signature, fails or stalls the first attempts of
 * some deliveries and dedupes by delivery id, as docs/webhooks.md tells applications to.
 *
 * <p>Sessions are created, joined, left, moved off a media server and ended through the command
 * dispatcher of wrapper A; A is stopped while deliveries still wait in the retry queues (and the
 * receiver has an outage); wrapper B starts and does the rest. Every fact must reach the receiver
 * exactly once after dedupe, with one id per fact, none parked as failed.
 */
class WebhooksAcrossRestartTest {
  private static final String DATABASE = "webhooks-it";
  private static final String SECRET = "it-webhook-secret-" + "0123456789abcdefghijklmnop";
  private static final Duration TIMEOUT = Duration.ofMillis(800);
  private static final Duration STALL = Duration.ofMillis(1500);
  private static final int SESSIONS = 4;

  private static HttpServer server;
  private static final Receiver receiver = new Receiver();
  private static CachingConnectionFactory connectionFactory;
  private static RabbitAdmin admin;

  @BeforeAll
  static void start() throws IOException {
    Broker.requireRabbit();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hooks", receiver::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    connectionFactory = new CachingConnectionFactory(Broker.HOST, Broker.PORT);
    connectionFactory.setVirtualHost(System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/"));
    admin = new RabbitAdmin(connectionFactory);
    // Leftovers of an earlier run in this vhost would be delivered here too (the receiver ignores
    // sessions it does not know, but they would cost time); the wrappers declare the queues afresh.
    admin.deleteQueue(WebhookTopology.QUEUE);
    admin.deleteQueue(WebhookTopology.FAILED_QUEUE);
    for (Duration delay : backoff().delays()) {
      admin.deleteQueue(WebhookTopology.retryQueue(delay));
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
    if (connectionFactory != null) {
      connectionFactory.destroy();
    }
  }

  @Test
  void everyEventArrivesOncePerDeliveryIdAcrossARestartOfTheSender() {
    Broker broker = new Broker(admin, new RabbitTemplate(connectionFactory));
    String run = UUID.randomUUID().toString().substring(0, 8);
    receiver.sessionPrefix = "wh-" + run;
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      sessions.add("wh-" + run + "-" + i);
    }
    Set<String> expected = new java.util.HashSet<>();

    // Wrapper A: sessions start, three join each, one leaves; the first session's media server restarts.
    ConfigurableApplicationContext a = startWrapper("webhooks-a-" + run, backoff());
    double retriedByA;
    int processedAtStop;
    int emittedByA;
    Set<String> factsOfA;
    try {
      CommandDispatcher dispatcher = a.getBean(CommandDispatcher.class);
      for (String sessionId : sessions) {
        broker.declareSession(sessionId);
        dispatcher.dispatch(new CreateSession(commandId(), sessionId, Instant.now()));
        expected.add("sessionStarted/" + sessionId);
        for (String participant : List.of("p1", "p2", "p3")) {
          dispatcher.dispatch(new JoinSession(commandId(), sessionId, pid(sessionId, participant), participant, Instant.now()));
          expected.add("participantJoined/" + sessionId + "/" + pid(sessionId, participant));
        }
        dispatcher.dispatch(new LeaveSession(commandId(), sessionId, pid(sessionId, "p1"), Instant.now()));
        expected.add("participantLeft/" + sessionId + "/" + pid(sessionId, "p1"));
      }
      moveOffItsServer(a, sessions.getFirst());
      expected.add("mediaServerLost/" + sessions.getFirst());
      emittedByA = expected.size();
      factsOfA = Set.copyOf(expected);
      // The application goes down as A stops: what A has not delivered yet stays queued.
      receiver.outage.set(true);
      retriedByA = a.getBean(WebhookMetrics.class).count(WebhookMetrics.RETRIED);
    } finally {
      a.close();
    }
    processedAtStop = receiver.processed.size();
    assertThat(processedAtStop).as("deliveries still pending when A stopped (the premise of this test)")
        .isLessThan(emittedByA);
    receiver.outage.set(false);

    // Wrapper B: picks up what A left, and the rest of each session happens on it.
    ConfigurableApplicationContext b = startWrapper("webhooks-b-" + run, backoff());
    try {
      CommandDispatcher dispatcher = b.getBean(CommandDispatcher.class);
      moveOffItsServer(b, sessions.get(1));
      expected.add("mediaServerLost/" + sessions.get(1));
      for (String sessionId : sessions) {
        for (String participant : List.of("p2", "p3")) {
          dispatcher.dispatch(new LeaveSession(commandId(), sessionId, pid(sessionId, participant), Instant.now()));
          expected.add("participantLeft/" + sessionId + "/" + pid(sessionId, participant));
        }
        expected.add("sessionEnded/" + sessionId);
      }

      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> receiver.facts().size() >= expected.size());
      // A moment for any stray late duplicate (none is expected to add a fact).
      await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);

      Map<String, List<UUID>> idsByFact = receiver.idsByFact();
      assertThat(idsByFact.keySet()).as("every fact, nothing else").isEqualTo(expected);
      assertThat(idsByFact).as("one delivery id per fact").allSatisfy((fact, ids) -> assertThat(ids).hasSize(1));
      assertThat(receiver.processed).as("each delivery id processed once").hasSize(expected.size());
      assertThat(receiver.invalid.get()).as("requests with a bad signature, id or age").isZero();
      assertThat(receiver.duplicates.get()).as("stalled deliveries came again and were deduped").isPositive();
      assertThat(receiver.maxAttempt.get()).as("the highest attempt number seen").isGreaterThanOrEqualTo(4);
      assertThat(retriedByA + b.getBean(WebhookMetrics.class).count(WebhookMetrics.RETRIED)).isPositive();
      assertThat(b.getBean(WebhookMetrics.class).count(WebhookMetrics.FAILED)).isZero();
      assertThat(receiver.processedAfter(processedAtStop)).as("facts emitted by A and delivered by B")
          .containsAnyElementsOf(factsOfA);
      assertThat(messages(WebhookTopology.FAILED_QUEUE)).as("parked").isZero();
      await().atMost(Duration.ofSeconds(5)).until(() -> messages(WebhookTopology.QUEUE) == 0);
      List<Long> firstTry;
      synchronized (receiver.firstAttemptLatencies) {
        firstTry = receiver.firstAttemptLatencies.stream().sorted().toList();
      }
      System.out.printf("webhooks: %d facts, %d requests, %d pending at the restart, %d duplicates deduped, "
              + "highest attempt %d; fact to receipt on a first attempt (a burst with stalls and 500s on 2 "
              + "consumers, not a latency benchmark): median %d ms, max %d ms (n=%d)%n",
          expected.size(), receiver.requests.get(), emittedByA - processedAtStop, receiver.duplicates.get(),
          receiver.maxAttempt.get(), firstTry.isEmpty() ? -1 : firstTry.get(firstTry.size() / 2),
          firstTry.isEmpty() ? -1 : firstTry.getLast(), firstTry.size());
    } finally {
      b.close();
    }
  }

  @Test
  void anEventThatFailsEveryAttemptIsParkedWithItsLastErrorAndCounted() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String sessionId = "whf-" + run;
    receiver.failAllPrefix = sessionId;
    RabbitTemplate template = new RabbitTemplate(connectionFactory);
    new Broker(admin, template).declareSession(sessionId);
    ConfigurableApplicationContext wrapper = startWrapper("webhooks-f-" + run,
        new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(100), 3));
    try {
      wrapper.getBean(CommandDispatcher.class).dispatch(new CreateSession(commandId(), sessionId, Instant.now()));
      await().atMost(Duration.ofSeconds(15)).until(() -> messages(WebhookTopology.FAILED_QUEUE) >= 1);

      var parked = template.receive(WebhookTopology.FAILED_QUEUE, 2000);
      assertThat(parked).isNotNull();
      WebhookEvent event = JsonMapper.builder().build().readValue(parked.getBody(), WebhookEvent.class);
      assertThat(event.sessionId()).isEqualTo(sessionId);
      assertThat(parked.getMessageProperties().getMessageId()).isEqualTo(event.id().toString());
      assertThat(parked.getMessageProperties().getHeaders())
          .containsEntry(dev.switchboard.contracts.Topology.ATTEMPT_HEADER, 3)
          .containsEntry(WebhookTopology.ERROR_HEADER, "HTTP 500");
      assertThat(receiver.failedRequests.get()).as("POSTs answered 500").isEqualTo(3);
      List<Instant> at = List.copyOf(receiver.failedRequestTimes);
      System.out.printf("webhooks, idle: fact to first POST %d ms; gaps between attempts %d ms and %d ms "
              + "(backoff 100 ms through a retry queue)%n", Duration.between(event.occurredAt(), at.get(0)).toMillis(),
          Duration.between(at.get(0), at.get(1)).toMillis(), Duration.between(at.get(1), at.get(2)).toMillis());
      assertThat(wrapper.getBean(WebhookMetrics.class).count(WebhookMetrics.FAILED)).isEqualTo(1);
      assertThat(wrapper.getBean(WebhookMetrics.class).count(WebhookMetrics.RETRIED)).isEqualTo(2);
    } finally {
      receiver.failAllPrefix = "none";
      wrapper.close();
    }
  }

  /** A media server "restart" of the session's server: the session is rebound, at a new epoch. */
  private static void moveOffItsServer(ConfigurableApplicationContext wrapper, String sessionId) {
    SessionRecord seen = wrapper.getBean(SessionStore.class).findRecord(sessionId).orElseThrow();
    assertThat(wrapper.getBean(SessionRecovery.class)
        .recover(seen, seen.mediaServer(), RecoveryCause.RESTARTED, Instant.now()))
        .isEqualTo(SessionRecovery.Outcome.REBOUND);
  }

  private static long messages(String queue) {
    var properties = admin.getQueueProperties(queue);
    return properties == null ? -1 : ((Number) properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue();
  }

  private static RetryBackoff backoff() {
    // Attempts to spare: the outage while A stops uses some of them.
    return new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(1), 12);
  }

  private static String pid(String sessionId, String participant) {
    return sessionId + "-" + participant;
  }

  private static String commandId() {
    return "c-" + UUID.randomUUID();
  }

  /** A wrapper instance as WrapperDeathTest starts one, with webhooks to the receiver. */
  private static ConfigurableApplicationContext startWrapper(String instanceId, RetryBackoff backoff) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.config.name", "no-such-file");
    properties.put("server.port", 0);
    properties.put("spring.rabbitmq.host", Broker.HOST);
    properties.put("spring.rabbitmq.port", Broker.PORT);
    properties.put("spring.mongodb.uri", EmbeddedMongo.shared().uri(DATABASE));
    properties.put("switchboard.wrapper.instance-id", instanceId);
    properties.put("switchboard.wrapper.media-servers[0].id", "ms1");
    properties.put("switchboard.wrapper.media-servers[0].uri", "ws://ms1.invalid:8888/kurento");
    properties.put("switchboard.wrapper.media-servers[1].id", "ms2");
    properties.put("switchboard.wrapper.media-servers[1].uri", "ws://ms2.invalid:8888/kurento");
    properties.put("switchboard.wrapper.change-stream-poll-interval", "50ms");
    properties.put("switchboard.wrapper.queue-delete-delay", "500ms");
    properties.put("switchboard.wrapper.webhooks.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
    properties.put("switchboard.wrapper.webhooks.secret", SECRET);
    properties.put("switchboard.wrapper.webhooks.timeout", TIMEOUT.toMillis() + "ms");
    properties.put("switchboard.wrapper.webhooks.max-attempts", backoff.maxAttempts());
    properties.put("switchboard.wrapper.webhooks.initial-backoff", backoff.initial().toMillis() + "ms");
    properties.put("switchboard.wrapper.webhooks.max-backoff", backoff.max().toMillis() + "ms");
    properties.put("switchboard.wrapper.webhooks.consumers", 2);
    return new SpringApplicationBuilder(WrapperApplication.class, WrapperTestConfiguration.class)
        .properties(properties).run();
  }

  /**
   * The application's side, as docs/webhooks.md describes it: verify the signature and its age,
   * then process each delivery id once. To exercise the sender it answers 500 to the first three
   * attempts of every fourth new delivery, stalls past the sender's timeout on the first attempt
   * of every fourth other one (processing it all the same, so that the retry is a duplicate), and
   * answers 503 to everything during an outage.
   */
  static final class Receiver {
    private static final long TOLERANCE_SECONDS = 300;

    final Map<UUID, WebhookEvent> processed = new ConcurrentHashMap<>();
    final List<UUID> processingOrder = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final Map<UUID, Integer> arrivalIndex = new ConcurrentHashMap<>();
    final AtomicInteger arrivals = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger invalid = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger maxAttempt = new AtomicInteger();
    final AtomicBoolean outage = new AtomicBoolean();
    final AtomicInteger failedRequests = new AtomicInteger();
    final List<Instant> failedRequestTimes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Milliseconds from a fact's occurredAt to its receipt, for events processed on their first attempt. */
    final List<Long> firstAttemptLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile String sessionPrefix = "none";
    /** Sessions whose every delivery is answered 500. */
    volatile String failAllPrefix = "none";
    private final JsonMapper json = JsonMapper.builder().build();

    void handle(HttpExchange exchange) throws IOException {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readAllBytes();
        requests.incrementAndGet();
        WebhookEvent event = verified(exchange, body);
        if (event == null) {
          invalid.incrementAndGet();
          exchange.sendResponseHeaders(400, -1);
          return;
        }
        if (event.sessionId().startsWith(failAllPrefix)) {
          failedRequests.incrementAndGet();
          failedRequestTimes.add(Instant.now());
          exchange.sendResponseHeaders(500, -1);
          return;
        }
        if (!event.sessionId().startsWith(sessionPrefix)) {
          exchange.sendResponseHeaders(204, -1); // an earlier run's leftover
          return;
        }
        maxAttempt.accumulateAndGet(Integer.parseInt(exchange.getRequestHeaders().getFirst(WebhookHeaders.ATTEMPT)),
            Math::max);
        if (outage.get()) {
          exchange.sendResponseHeaders(503, -1);
          return;
        }
        int attempt = attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        int index = arrivalIndex.computeIfAbsent(event.id(), id -> arrivals.getAndIncrement());
        if (index % 4 == 0 && attempt <= 3) {
          exchange.sendResponseHeaders(500, -1);
          return;
        }
        process(event);
        if ("1".equals(exchange.getRequestHeaders().getFirst(WebhookHeaders.ATTEMPT))) {
          firstAttemptLatencies.add(Duration.between(event.occurredAt(), Instant.now()).toMillis());
        }
        if (index % 4 == 1 && attempt == 1) {
          sleep(STALL);
        }
        exchange.sendResponseHeaders(204, -1);
      }
    }

    /** The dedupe: a delivery id already processed is acknowledged without processing it again. */
    private void process(WebhookEvent event) {
      if (processed.putIfAbsent(event.id(), event) == null) {
        processingOrder.add(event.id());
      } else {
        duplicates.incrementAndGet();
      }
    }

    /** The event if signature, timestamp and id check out, else null. */
    private WebhookEvent verified(HttpExchange exchange, byte[] body) {
      try {
        String signature = exchange.getRequestHeaders().getFirst(WebhookHeaders.SIGNATURE);
        Map<String, String> parts = java.util.Arrays.stream(signature.split(","))
            .map(part -> part.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        long t = Long.parseLong(parts.get("t"));
        if (Math.abs(Instant.now().getEpochSecond() - t) > TOLERANCE_SECONDS
            || !String.valueOf(t).equals(exchange.getRequestHeaders().getFirst(WebhookHeaders.TIMESTAMP))) {
          return null;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.get("v1")))) {
          return null;
        }
        WebhookEvent event = json.readValue(body, WebhookEvent.class);
        boolean headersMatch = event.id().toString().equals(exchange.getRequestHeaders().getFirst(WebhookHeaders.DELIVERY_ID))
            && event.eventType().equals(exchange.getRequestHeaders().getFirst(WebhookHeaders.EVENT));
        return headersMatch ? event : null;
      } catch (Exception e) {
        return null;
      }
    }

    /** "type/session[/participant]" of every processed event. */
    Set<String> facts() {
      return idsByFact().keySet();
    }

    Map<String, List<UUID>> idsByFact() {
      Map<String, List<UUID>> byFact = new HashMap<>();
      processed.values().forEach(event -> byFact.computeIfAbsent(fact(event), f -> new ArrayList<>()).add(event.id()));
      return byFact;
    }

    List<String> processedAfter(int count) {
      synchronized (processingOrder) {
        return processingOrder.subList(count, processingOrder.size()).stream().map(id -> fact(processed.get(id))).toList();
      }
    }

    private static String fact(WebhookEvent event) {
      return switch (event) {
        case ParticipantJoined joined -> joined.eventType() + "/" + joined.sessionId() + "/" + joined.participantId();
        case ParticipantLeft left -> left.eventType() + "/" + left.sessionId() + "/" + left.participantId();
        case MediaServerLost lost -> lost.eventType() + "/" + lost.sessionId();
        default -> event.eventType() + "/" + event.sessionId();
      };
    }

    private static void sleep(Duration duration) {
      try {
        Thread.sleep(duration);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
