package dev.switchboard.wrapper.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import dev.switchboard.contracts.bus.AddIceCandidate;
import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.bus.LeaveSession;
import dev.switchboard.contracts.bus.ProcessOffer;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.wrapper.command.AddIceCandidateHandler;
import dev.switchboard.wrapper.command.CallMetrics;
import dev.switchboard.wrapper.command.EndpointAllocator;
import dev.switchboard.wrapper.command.JoinSessionHandler;
import dev.switchboard.wrapper.command.LeaveSessionHandler;
import dev.switchboard.wrapper.command.PendingCandidates;
import dev.switchboard.wrapper.command.ProcessOfferHandler;
import dev.switchboard.wrapper.command.RejoinBudget;
import dev.switchboard.wrapper.config.SessionLimitsProperties;
import dev.switchboard.wrapper.config.FailoverProperties;
import dev.switchboard.wrapper.failover.DrainedServers;
import dev.switchboard.wrapper.failover.LossAnnouncer;
import dev.switchboard.wrapper.failover.MediaServerPlacement;
import dev.switchboard.wrapper.failover.ServerHealthBoard;
import dev.switchboard.wrapper.failover.SessionRecovery;
import dev.switchboard.wrapper.media.ConnectionLossWatch;
import dev.switchboard.wrapper.media.EndpointSubscriptions;
import dev.switchboard.wrapper.media.KurentoRef;
import dev.switchboard.wrapper.media.MediaReleaser;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.messaging.ParticipantPublisher;
import dev.switchboard.wrapper.session.LossNoticeStore;
import dev.switchboard.wrapper.session.SessionBindings;
import dev.switchboard.wrapper.session.SessionStore;
import dev.switchboard.wrapper.session.SessionTerminator;
import dev.switchboard.wrapper.session.SubscriptionLedger;
import dev.switchboard.contracts.webhooks.WebhookEvent;
import dev.switchboard.wrapper.webhooks.WebhookEmitter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.TaskScheduler;

/**
 * The command handlers wired to a real store on the embedded MongoDB and fake media servers;
 * messages to participants are recorded instead of sent. One per test class.
 */
public final class HandlerFixture implements AutoCloseable {
  /** A message as the wrapper would have published it: to "user.{pid}" or "session.{sid}". */
  public record Sent(String destination, ParticipantMessage message) {}

  public final EmbeddedMongo mongo = EmbeddedMongo.start();
  public final MongoClient client = mongo.client();
  public final FakeMediaServers servers = new FakeMediaServers("a", "b");
  public final MutableClock clock = new MutableClock();
  public final MediaServerPool pool = servers.pool(clock);
  public final MongoTemplate template = TestMongoTemplates.create(client, "handlers", pool);
  public final SessionStore store = new SessionStore(template, clock);
  public final SessionBindings bindings = new SessionBindings(template, clock);
  public final List<Sent> sent = new CopyOnWriteArrayList<>();
  public final ParticipantPublisher publisher = recordingPublisher();
  /** Webhook events as the wrapper would have queued them (webhooks on). */
  public final List<WebhookEvent> webhookEvents = new CopyOnWriteArrayList<>();
  public final WebhookEmitter webhooks = recordingWebhooks();
  public final RabbitAdmin admin = mock(RabbitAdmin.class);
  public final TaskScheduler scheduler = mock(TaskScheduler.class);
  public final MediaReleaser releaser = new MediaReleaser(pool);
  public final ConnectionLossWatch lossWatch = new ConnectionLossWatch(publisher, clock, servers.properties());
  public final SubscriptionLedger ledger = new SubscriptionLedger(template, clock, servers.properties());
  public final EndpointSubscriptions relay = new EndpointSubscriptions(publisher, lossWatch, ledger);
  public final RejoinBudget budget = new RejoinBudget(template, clock, servers.properties());
  public final PendingCandidates pending = new PendingCandidates(store);
  public final EndpointAllocator allocator = new EndpointAllocator(store, servers.endpointFactory(), releaser, pending);
  public final SessionTerminator terminator = new SessionTerminator(store, releaser, relay, publisher, admin, scheduler,
      clock, servers.properties(), webhooks);
  public final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
  public final FailoverProperties failover = FailoverProperties.defaults();
  public final DrainedServers drained = new DrainedServers(template, clock);
  public final ServerHealthBoard health = new ServerHealthBoard(pool, clock, failover, registry);
  public final MediaServerPlacement placement = new MediaServerPlacement(pool, health, drained);
  public final LossNoticeStore lossNotices = new LossNoticeStore(template);
  public final LossAnnouncer announcer = new LossAnnouncer(publisher, webhooks, lossNotices, clock, failover, registry);
  public final SessionRecovery recovery = new SessionRecovery(store, bindings, pool, placement, releaser, announcer, clock,
      servers.properties(), failover, registry);
  public final CallMetrics callMetrics = new CallMetrics(registry, clock);
  public final ProcessOfferHandler offers = new ProcessOfferHandler(store, allocator, pending, relay, releaser, publisher,
      budget, recovery, callMetrics);
  /** Small limits so tests reach them quickly: 8 participants per session, 40 waiting candidates. */
  public final SessionLimitsProperties limits = new SessionLimitsProperties(8, 40);
  public final AddIceCandidateHandler candidates = new AddIceCandidateHandler(store, limits);
  public final JoinSessionHandler joins = new JoinSessionHandler(store, publisher, recovery, limits, callMetrics, webhooks);
  public final LeaveSessionHandler leaves = new LeaveSessionHandler(store, releaser, relay, publisher, terminator,
      webhooks, clock);
  private final AtomicInteger commandIds = new AtomicInteger();

  private ParticipantPublisher recordingPublisher() {
    ParticipantPublisher recording = mock(ParticipantPublisher.class);
    doAnswer(invocation -> sent.add(new Sent("user." + invocation.getArgument(0), invocation.getArgument(1))))
        .when(recording).toParticipant(anyString(), any());
    doAnswer(invocation -> sent.add(new Sent("session." + invocation.getArgument(0), invocation.getArgument(1))))
        .when(recording).toSession(anyString(), any());
    return recording;
  }

  private WebhookEmitter recordingWebhooks() {
    WebhookEmitter recording = mock(WebhookEmitter.class);
    when(recording.enabled()).thenReturn(true);
    doAnswer(invocation -> webhookEvents.add(invocation.getArgument(0))).when(recording).emit(any());
    doAnswer(invocation -> webhookEvents.add(invocation.getArgument(0))).when(recording).tryEmit(any());
    return recording;
  }

  /** A new session on fake server {@code server}, as CreateSession leaves it. */
  public String newSession(String server) {
    String sessionId = "s-" + UUID.randomUUID();
    store.insertNew(sessionId, server, new KurentoRef(server, servers.server(server).newPipeline().getId()));
    return sessionId;
  }

  /** Inserts a session as another instance would have (for races with this one). */
  public void handlerlessInsert(String sessionId) {
    store.insertNew(sessionId, "a", new KurentoRef("a", servers.server("a").newPipeline().getId()));
  }

  public String commandId() {
    return "c-" + commandIds.incrementAndGet();
  }

  public JoinSession join(String sessionId, String participantId) {
    return new JoinSession(commandId(), sessionId, participantId, "name of " + participantId, Instant.EPOCH);
  }

  public ProcessOffer offer(String sessionId, String participantId, String target, String sdp) {
    // Issued now: an offer issued before the session's last move is dropped as stale.
    return new ProcessOffer(commandId(), sessionId, participantId, target, sdp, clock.instant());
  }

  public AddIceCandidate candidate(String sessionId, String participantId, String target, String candidate) {
    return new AddIceCandidate(commandId(), sessionId, participantId, target, candidate, "0", 0, Instant.EPOCH);
  }

  public LeaveSession leave(String sessionId, String participantId) {
    return new LeaveSession(commandId(), sessionId, participantId, Instant.EPOCH);
  }

  public List<ParticipantMessage> to(String destination) {
    return sent.stream().filter(s -> s.destination().equals(destination)).map(Sent::message).toList();
  }

  public <T extends ParticipantMessage> List<T> to(String destination, Class<T> type) {
    return to(destination).stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public void close() {
    pool.close();
    client.close();
    mongo.close();
  }
}
