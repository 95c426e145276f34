package dev.switchboard.wrapper.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.mongodb.client.MongoClient;
import dev.switchboard.contracts.messages.MediaServerLost;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.wrapper.config.DiscoveryProperties;
import dev.switchboard.wrapper.config.FailoverProperties;
import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.failover.DrainedServers;
import dev.switchboard.wrapper.failover.LossAnnouncer;
import dev.switchboard.wrapper.failover.MediaServerMonitor;
import dev.switchboard.wrapper.failover.MediaServerPlacement;
import dev.switchboard.wrapper.failover.ServerHealthBoard;
import dev.switchboard.wrapper.failover.SessionRecovery;
import dev.switchboard.wrapper.media.KurentoRef;
import dev.switchboard.wrapper.media.MediaReleaser;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import dev.switchboard.wrapper.session.LossNoticeStore;
import dev.switchboard.wrapper.session.SessionBindings;
import dev.switchboard.wrapper.session.SessionRecord;
import dev.switchboard.wrapper.session.SessionStore;
import dev.switchboard.wrapper.testing.EmbeddedMongo;
import dev.switchboard.wrapper.testing.FakeMediaServers;
import dev.switchboard.wrapper.testing.MutableClock;
import dev.switchboard.wrapper.testing.TestMongoTemplates;
import dev.switchboard.wrapper.webhooks.WebhookEmitter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The discovery loop against a fake DNS, fake media servers and the embedded MongoDB: servers
 * join when their address appears, take new sessions, are drained (sessions moved through the
 * drain path) when it disappears, come back when it flaps, and a failed resolution changes nothing.
 */
class MediaServerDiscoveryTest {
  private static final String NAME = "medianode.switchboard.svc.cluster.local";
  private static final String N7 = "dns-10.0.0.7";
  private static final String N8 = "dns-10.0.0.8";

  private final EmbeddedMongo mongo = EmbeddedMongo.start();
  private final MongoClient client = mongo.client();
  private final FakeMediaServers servers = new FakeMediaServers("static", N7, N8, "dns-10.0.0.9");
  private final MutableClock clock = new MutableClock();
  private final WrapperProperties properties = onlyStatic(servers.properties());
  private final MediaServerPool pool = new MediaServerPool(properties, servers.connector(), clock);
  private final MongoTemplate template = TestMongoTemplates.create(client, "discovery", pool);
  private final SessionStore store = new SessionStore(template, clock);
  private final SessionBindings bindings = new SessionBindings(template, clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FailoverProperties failover = FailoverProperties.defaults();
  private final ServerHealthBoard health = new ServerHealthBoard(pool, clock, failover, registry);
  private final MediaServerPlacement placement = new MediaServerPlacement(pool, health,
      new DrainedServers(template, clock));
  private final List<ParticipantMessage> toSessions = new CopyOnWriteArrayList<>();
  private final MediaReleaser releaser = new MediaReleaser(pool);
  private final LossAnnouncer announcer = announcer(template);
  private final SessionRecovery recovery = new SessionRecovery(store, bindings, pool, placement, releaser, announcer, clock,
      properties, failover, registry);
  private final MediaServerMonitor monitor = new MediaServerMonitor(pool, store, bindings, health, recovery, announcer,
      clock, failover);
  private final AtomicReference<Object> dns = new AtomicReference<>(List.of());
  private final MediaServerDiscovery discovery = new MediaServerDiscovery(
      new DiscoveryProperties(NAME, 8888, "kurento", Duration.ofSeconds(5)), properties, pool, bindings, monitor,
      placement, this::resolve, registry);

  @AfterEach
  void close() {
    monitor.stop();
    pool.close();
    client.close();
    mongo.close();
  }

  @Test
  void aNewAddressJoinsThePoolAndTakesTheNextSession() {
    servers.server("static").setUsedMemoryKib(500_000);
    servers.server(N7).setUsedMemoryKib(1_000);
    answer("10.0.0.7");

    discovery.resolveOnce();

    assertThat(pool.serverIds()).containsExactly("static", N7);
    assertThat(pool.placeable(N7)).isTrue();
    assertThat(placement.choose()).as("the new server is the least loaded").isEqualTo(N7);
    assertThat(pool.client(N7)).isSameAs(servers.server(N7).client());
    assertThat(health.healthy(N7)).isTrue();
    assertThat(registry.get("switchboard.media.server.failures").tag("server", N7).counter()).isNotNull();
    assertThat(registry.get("switchboard.wrapper.discovery.servers").gauge().value()).isEqualTo(1);
  }

  @Test
  void aVanishedAddressTakesNoNewSessionsItsSessionsMoveAndThenItLeavesThePool() {
    answer("10.0.0.7", "10.0.0.8");
    discovery.resolveOnce();
    String session = newSession(N7);
    String untouched = newSession(N8);
    long epoch = store.findRecord(session).orElseThrow().epoch();
    String oldPipeline = store.findRecord(session).orElseThrow().pipeline().id();

    servers.server(N7).setUsedMemoryKib(1);
    servers.server(N8).setUsedMemoryKib(900_000);
    servers.server("static").setUsedMemoryKib(900_000);
    assertThat(placement.choose()).as("the least loaded while in DNS").isEqualTo(N7);
    answer("10.0.0.8");
    discovery.resolveOnce();

    assertThat(pool.placeable(N7)).as("left DNS: no new sessions").isFalse();
    assertThat(placement.choose()).as("never placed on a server that left DNS").isNotEqualTo(N7);
    assertThat(pool.serverIds()).as("kept while a session is bound to it").contains(N7);
    SessionRecord moved = await().atMost(Duration.ofSeconds(10))
        .until(() -> store.findRecord(session).orElseThrow(), s -> s.epoch() == epoch + 1);
    assertThat(moved.mediaServer()).isIn("static", N8);
    assertThat(toSessions).filteredOn(MediaServerLost.class::isInstance).singleElement()
        .satisfies(m -> assertThat(((MediaServerLost) m).reason()).contains(N7).contains("drained"));
    assertThat(servers.server(N7).released()).contains(oldPipeline);
    assertThat(store.findRecord(untouched).orElseThrow().epoch()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> !discovery.isMoving(N7));

    discovery.resolveOnce();

    assertThat(pool.serverIds()).as("empty and out of DNS: dropped").containsExactly("static", N8);
    assertThat(health.usable(N7)).isFalse();
    assertThat(registry.find("switchboard.media.server.failures").tag("server", N7).counter()).isNull();
  }

  @Test
  void aFlappingAddressIsPlaceableAgainWhenItReturns() {
    answer("10.0.0.7");
    discovery.resolveOnce();
    String session = newSession(N7);
    servers.server("static").setDown(true); // nowhere to move: the session stays put meanwhile
    health.failed("static", "test: down");

    answer();
    discovery.resolveOnce();
    assertThat(pool.placeable(N7)).isFalse();
    assertThat(pool.serverIds()).contains(N7);

    answer("10.0.0.7");
    discovery.resolveOnce();
    assertThat(pool.placeable(N7)).isTrue();
    assertThat(placement.choose()).isEqualTo(N7);
    assertThat(store.findRecord(session).orElseThrow().mediaServer()).as("never moved").isEqualTo(N7);
    assertThat(store.findRecord(session).orElseThrow().epoch()).isEqualTo(1);

    // Without sessions, a vanished server leaves the pool at once and joins again when it returns.
    store.deleteClosing(session);
    template.remove(new org.springframework.data.mongodb.core.query.Query(), "sessions");
    answer();
    discovery.resolveOnce();
    assertThat(pool.serverIds()).containsExactly("static");
    answer("10.0.0.7");
    discovery.resolveOnce();
    assertThat(pool.serverIds()).containsExactly("static", N7);
    assertThat(pool.placeable(N7)).isTrue();
  }

  @Test
  void aFailedResolutionKeepsTheLastAnswerAndIsCounted() {
    answer("10.0.0.7");
    discovery.resolveOnce();

    dns.set(new UnknownHostException(NAME + ": Name or service not known"));
    discovery.resolveOnce();
    discovery.resolveOnce();
    dns.set(new IllegalStateException("resolver bug"));
    discovery.resolveOnce();

    assertThat(pool.serverIds()).containsExactly("static", N7);
    assertThat(pool.placeable(N7)).isTrue();
    assertThat(registry.get("switchboard.wrapper.discovery.resolutions").tag("outcome", "failed").counter().count())
        .isEqualTo(3);
    assertThat(registry.get("switchboard.wrapper.discovery.resolutions").tag("outcome", "ok").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aServerAnotherInstanceStoredJoinsOnFirstUseAndIsMovedOnlyAfterTwoAnswersWithoutIt() {
    answer("10.0.0.7");
    discovery.resolveOnce();
    // Another wrapper resolved 10.0.0.9 first and bound a session there.
    String session = "s-" + UUID.randomUUID();
    store.insertNew(session, "dns-10.0.0.9",
        new KurentoRef("dns-10.0.0.9", servers.server("dns-10.0.0.9").newPipeline().getId()));

    assertThat(pool.client("dns-10.0.0.9")).isSameAs(servers.server("dns-10.0.0.9").client());
    assertThat(pool.placeable("dns-10.0.0.9")).as("not placeable before this instance sees it in DNS").isFalse();

    discovery.resolveOnce();
    assertThat(store.findRecord(session).orElseThrow().mediaServer()).as("one answer may lag").isEqualTo("dns-10.0.0.9");

    discovery.resolveOnce();
    await().atMost(Duration.ofSeconds(10)).until(() -> store.findRecord(session).orElseThrow().epoch() == 2);
    assertThat(store.findRecord(session).orElseThrow().mediaServer()).isIn("static", N7);
  }

  @Test
  void twoWrappersThatBothSeeTheAddressLeaveMoveEachSessionOnce() throws Exception {
    // A second wrapper instance: its own pool, health, placement and discovery; the same MongoDB.
    MediaServerPool otherPool = new MediaServerPool(properties, servers.connector(), clock);
    MongoTemplate otherTemplate = TestMongoTemplates.create(client, "discovery", otherPool);
    SessionStore otherStore = new SessionStore(otherTemplate, clock);
    SessionBindings otherBindings = new SessionBindings(otherTemplate, clock);
    ServerHealthBoard otherHealth = new ServerHealthBoard(otherPool, clock, failover, registry);
    MediaServerPlacement otherPlacement = new MediaServerPlacement(otherPool, otherHealth,
        new DrainedServers(otherTemplate, clock));
    WrapperProperties otherProperties = new WrapperProperties(properties.mediaServers(), "other", 3,
        properties.commandRetryBackoff(), properties.idleSessionTimeout(), properties.idleSweepInterval(),
        properties.changeStreamPollInterval(), properties.resumeTokenSaveInterval(), properties.listenerConcurrency(),
        properties.sessionsPerConnection(), properties.mediaServerProbeTimeout(), properties.mediaServerRetryInterval(),
        properties.queueDeleteDelay(), properties.connectionLossGrace(), properties.rejoinLimitPerMinute(),
        properties.heartbeatInterval(), properties.heartbeatTimeout(), properties.takeoverScanInterval(),
        properties.workQueueConcurrency());
    LossAnnouncer otherAnnouncer = announcer(otherTemplate);
    SessionRecovery otherRecovery = new SessionRecovery(otherStore, otherBindings, otherPool, otherPlacement,
        new MediaReleaser(otherPool), otherAnnouncer, clock, otherProperties, failover, new SimpleMeterRegistry());
    MediaServerMonitor otherMonitor = new MediaServerMonitor(otherPool, otherStore, otherBindings, otherHealth, otherRecovery,
        otherAnnouncer, clock, failover);
    MediaServerDiscovery other = new MediaServerDiscovery(
        new DiscoveryProperties(NAME, 8888, "kurento", Duration.ofSeconds(5)), otherProperties, otherPool, otherBindings,
        otherMonitor, otherPlacement, this::resolve, new SimpleMeterRegistry());
    try {
      answer("10.0.0.7", "10.0.0.8");
      discovery.resolveOnce();
      other.resolveOnce();
      List<String> sessions = List.of(newSession(N7), newSession(N7), newSession(N7), newSession(N7));

      answer("10.0.0.8");
      Thread first = Thread.ofVirtual().start(discovery::resolveOnce);
      Thread second = Thread.ofVirtual().start(other::resolveOnce);
      first.join();
      second.join();

      for (String session : sessions) {
        SessionRecord moved = await().atMost(Duration.ofSeconds(10))
            .until(() -> store.findRecord(session).orElseThrow(), s -> s.epoch() == 2);
        assertThat(moved.mediaServer()).isIn("static", N8);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> !discovery.isMoving(N7) && !other.isMoving(N7));
      assertThat(toSessions).as("one notice per session, whichever wrapper moved it")
          .filteredOn(MediaServerLost.class::isInstance).hasSize(sessions.size());
      for (String session : sessions) {
        assertThat(store.findRecord(session).orElseThrow().epoch()).as("moved exactly once").isEqualTo(2);
      }
      discovery.resolveOnce();
      other.resolveOnce();
      assertThat(pool.serverIds()).doesNotContain(N7);
      assertThat(otherPool.serverIds()).doesNotContain(N7);
    } finally {
      otherMonitor.stop();
      otherPool.close();
    }
  }

  @Test
  void idsRoundTripForBothAddressFamilies() throws Exception {
    InetAddress v4 = InetAddress.ofLiteral("10.1.2.3");
    InetAddress v6 = InetAddress.ofLiteral("fd00::1:2");
    DiscoveryProperties settings = new DiscoveryProperties(NAME, 9999, "/kurento", Duration.ofSeconds(5));

    assertThat(DiscoveredServerIds.idOf(v4)).isEqualTo("dns-10.1.2.3");
    assertThat(DiscoveredServerIds.specOf(v4, settings).uri()).isEqualTo("ws://10.1.2.3:9999/kurento");
    assertThat(DiscoveredServerIds.idOf(v6)).isEqualTo("dns-fd00_0_0_0_0_0_1_2");
    assertThat(DiscoveredServerIds.specOf(v6, settings).uri()).isEqualTo("ws://[fd00:0:0:0:0:0:1:2]:9999/kurento");
    assertThat(DiscoveredServerIds.addressOf("dns-fd00_0_0_0_0_0_1_2")).contains(v6);
    assertThat(DiscoveredServerIds.addressOf("dns-10.1.2.3")).contains(v4);
    assertThat(DiscoveredServerIds.addressOf("local")).isEmpty();
    assertThat(DiscoveredServerIds.addressOf("dns-example.org")).isEmpty();
    assertThat(DiscoveredServerIds.addressOf("dns-010.1.2.3")).as("not canonical").isEmpty();
  }

  private List<InetAddress> resolve(String name) throws UnknownHostException {
    assertThat(name).isEqualTo(NAME);
    Object answer = dns.get();
    if (answer instanceof UnknownHostException e) {
      throw e;
    }
    if (answer instanceof RuntimeException e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    List<InetAddress> addresses = (List<InetAddress>) answer;
    return addresses;
  }

  private void answer(String... addresses) {
    dns.set(java.util.Arrays.stream(addresses).map(InetAddress::ofLiteral).toList());
  }

  private String newSession(String server) {
    String sessionId = "s-" + UUID.randomUUID();
    store.insertNew(sessionId, server, new KurentoRef(server, servers.server(server).newPipeline().getId()));
    return sessionId;
  }

  private LossAnnouncer announcer(MongoTemplate mongo) {
    return new LossAnnouncer(publisher(), org.mockito.Mockito.mock(WebhookEmitter.class), new LossNoticeStore(mongo),
        clock, failover, new SimpleMeterRegistry());
  }

  private ParticipantPublisher publisher() {
    ParticipantPublisher recording = mock(ParticipantPublisher.class);
    doAnswer(invocation -> toSessions.add(invocation.getArgument(1))).when(recording).toSession(anyString(), any());
    return recording;
  }

  /** Only the "static" server is configured; the others are there for discovery to find. */
  private static WrapperProperties onlyStatic(WrapperProperties all) {
    return new WrapperProperties(List.of(all.mediaServers().getFirst()), all.instanceId(), all.commandAttempts(),
        all.commandRetryBackoff(), all.idleSessionTimeout(), all.idleSweepInterval(), all.changeStreamPollInterval(),
        all.resumeTokenSaveInterval(), all.listenerConcurrency(), all.sessionsPerConnection(),
        all.mediaServerProbeTimeout(), all.mediaServerRetryInterval(), all.queueDeleteDelay(),
        all.connectionLossGrace(), all.rejoinLimitPerMinute(), all.heartbeatInterval(), all.heartbeatTimeout(),
        all.takeoverScanInterval(), all.workQueueConcurrency());
  }

}
