package dev.switchboard.medianode;

import dev.switchboard.medianode.config.MediaNodeConfig;
import dev.switchboard.medianode.control.Connection;
import dev.switchboard.medianode.control.KurentoWebSocketServer;
import dev.switchboard.medianode.media.MediaPlane;
import dev.switchboard.medianode.kmd.KmdModel;
import dev.switchboard.medianode.lifecycle.Drain;
import dev.switchboard.medianode.lifecycle.Readiness;
import dev.switchboard.medianode.kmd.ParamChecker;
import dev.switchboard.medianode.media.NodeMedia;
import dev.switchboard.medianode.metrics.ModelGauges;
import dev.switchboard.medianode.metrics.NodeMetrics;
import dev.switchboard.medianode.objects.MediaObjectFactory;
import dev.switchboard.medianode.objects.ObjectContext;
import dev.switchboard.medianode.objects.ObjectRegistry;
import dev.switchboard.medianode.objects.ProcessLoad;
import dev.switchboard.medianode.objects.ServerManager;
import dev.switchboard.medianode.rpc.RequestDispatcher;
import dev.switchboard.medianode.rpc.methods.CloseSessionMethod;
import dev.switchboard.medianode.rpc.methods.ConnectMethod;
import dev.switchboard.medianode.rpc.methods.CreateMethod;
import dev.switchboard.medianode.rpc.methods.DescribeMethod;
import dev.switchboard.medianode.rpc.methods.InvokeMethod;
import dev.switchboard.medianode.rpc.methods.PingMethod;
import dev.switchboard.medianode.rpc.methods.ReleaseMethod;
import dev.switchboard.medianode.rpc.methods.SubscribeMethod;
import dev.switchboard.medianode.rpc.methods.TransactionMethod;
import dev.switchboard.medianode.rpc.methods.UnsubscribeMethod;
import dev.switchboard.medianode.session.GarbageCollector;
import dev.switchboard.medianode.session.SessionRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running medianode: wires the Kurento object model, the sessions, the JSON-RPC methods and
 * the WebSocket server together, and owns the control thread on which all of them run. Start
 * with {@link #start}; {@link #close} stops everything.
 */
public final class MediaNode implements AutoCloseable {
  private final MediaNodeConfig config;
  private final ScheduledExecutorService control;
  private final Readiness readiness = new Readiness();
  private final KurentoWebSocketServer server = new KurentoWebSocketServer(readiness);
  private final Clock clock;
  private final ObjectRegistry objects = new ObjectRegistry();
  private final SessionRegistry sessions;
  private final GarbageCollector collector;
  private InetSocketAddress address;
  private NodeMedia media;
  private RequestDispatcher dispatcher;

  private MediaNode(MediaNodeConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "medianode-control");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    this.control = executor;
    this.sessions = new SessionRegistry(clock);
    this.collector = new GarbageCollector(sessions, objects, config.gcPeriod());
  }

  public static MediaNode start(MediaNodeConfig config, Clock clock) throws InterruptedException {
    MediaNode node = new MediaNode(config, clock);
    node.wire(clock);
    return node;
  }

  private void wire(Clock clock) throws InterruptedException {
    KmdModel kmd = KmdModel.load();
    ParamChecker checker = new ParamChecker(kmd);
    try {
      media = NodeMedia.create(config, clock);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot bind the media UDP port " + config.udpPort(), e);
    }
    ObjectContext ctx = new ObjectContext(clock, kmd, sessions, objects, media, control,
        sessions::sessionIds, "{}");
    ServerManager manager = new ServerManager(ctx, new ProcessLoad());
    objects.register(manager);
    objects.onCreated(manager::objectCreated);
    objects.onReleased(o -> {
      sessions.forget(o);
      manager.objectDestroyed(o);
    });
    ModelGauges gauges = new ModelGauges();
    objects.onCreated(gauges::created);
    objects.onReleased(gauges::released);
    server.serveMetrics(new NodeMetrics(media.plane(), gauges, server::refusedUpgrades)::render);
    MediaObjectFactory factory = new MediaObjectFactory(ctx, config.maxObjects(), config.maxRemoteCandidates());
    AtomicReference<RequestDispatcher> self = new AtomicReference<>();
    dispatcher = new RequestDispatcher(sessions, List.of(
        new PingMethod(),
        new CreateMethod(kmd, checker, factory, sessions),
        new InvokeMethod(kmd, checker, objects, sessions),
        new SubscribeMethod(kmd, objects, sessions),
        new UnsubscribeMethod(sessions),
        new ReleaseMethod(objects),
        new DescribeMethod(kmd, objects, sessions),
        new ConnectMethod(sessions, UUID.randomUUID().toString()),
        new TransactionMethod(self::get),
        new CloseSessionMethod(collector)));
    self.set(dispatcher);
    long sweepMillis = Math.clamp(config.gcPeriod().toMillis() / 8, 1_000, 30_000);
    control.scheduleWithFixedDelay(collector::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    address = server.start(config.host(), config.port(), config.path(), config.maxMessageBytes(), config.secret(),
        dispatcher, sessions, control);
  }

  /** The URL clients connect to, with the port actually bound (useful with port 0). */
  public URI url() {
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
    return URI.create("ws://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/" + config.path());
  }

  public MediaNodeConfig config() {
    return config;
  }

  /** WebSocket upgrades refused so far for a missing or wrong secret. */
  public long refusedUpgrades() {
    return server.refusedUpgrades();
  }

  /**
   * Processes one JSON-RPC text message as if it had arrived on {@code connection}, on the control
   * thread as a socket's messages are, but without a socket (the protocol fuzz target drives the
   * node this way). The stage yields the response text, or null for a notification.
   */
  public CompletionStage<String> handleText(Connection connection, String text) {
    CompletableFuture<String> response = new CompletableFuture<>();
    control.execute(() -> dispatcher.handleText(connection, text).whenComplete((r, failure) -> {
      if (failure != null) {
        response.completeExceptionally(failure);
      } else {
        response.complete(r);
      }
    }));
    return response;
  }

  /** Runs a task on the control thread and waits for it: the only safe way to look at the model from outside. */
  public <T> T onControl(Callable<T> task) {
    try {
      return control.submit(task).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  public int objectCount() {
    return onControl(objects::size);
  }

  /** Pipelines alive on this node (tests count them to check that a session has exactly one). */
  public int pipelineCount() {
    return onControl(() -> objects.pipelines().size());
  }

  public int sessionCount() {
    return onControl(sessions::size);
  }

  public int attachedSessionCount() {
    return onControl(sessions::attachedCount);
  }

  /** Drops every client socket, as a network failure would; clients reconnect with {@code connect}. */
  public void closeClientConnections() {
    server.closeClientConnections();
  }

  /** Runs one garbage-collection pass now; returns the number of sessions dropped. */
  public int collectGarbage() {
    return onControl(collector::sweep);
  }

  public Duration gcPeriod() {
    return collector.period();
  }

  /** The media plane: UDP port, counters and endpoint statistics (tests and benchmarks read it). */
  public MediaPlane mediaPlane() {
    return media.plane();
  }

  /** Whether {@code GET /ready} answers 503: shutdown began. */
  public boolean isDraining() {
    return readiness.isDraining();
  }

  /**
   * Stops being ready and waits, still serving, until no pipeline is left or {@code timeout}
   * passes (zero: returns at once); does not close the node. Blocks the calling thread.
   */
  public Drain.Outcome drain(Duration timeout) {
    return new Drain(readiness, this::pipelineCountOrZero, clock, Thread::sleep).run(timeout);
  }

  /** The pipeline count, or 0 when the control thread no longer answers (nothing left to wait for). */
  private int pipelineCountOrZero() {
    try {
      return pipelineCount();
    } catch (IllegalStateException | java.util.concurrent.RejectedExecutionException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    server.close();
    control.shutdownNow();
    if (media != null) {
      media.plane().close();
    }
  }
}
