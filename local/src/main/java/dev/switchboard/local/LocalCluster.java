package dev.switchboard.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Kubernetes topology on one machine, as separate processes: one MongoDB, N medianodes, W
 * wrappers and A api instances (each a JVM on this JVM's class path, logging to
 * {@code <data-dir>/cluster/logs/<name>.log}), plus the round-robin {@link ApiFront} in this JVM.
 * RabbitMQ is external. {@link #close} stops everything (TERM, KILL after 10 s).
 *
 * @see ClusterLauncher the command line
 */
public final class LocalCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /** What to start. {@code frontPort} 0: a free port. */
  public record Spec(int apis, int wrappers, int medianodes, int frontPort, Path dataDir, String amqpUri) {
    public Spec {
      if (apis < 1 || wrappers < 1 || medianodes < 1) {
        throw new IllegalArgumentException("at least one api, wrapper and medianode");
      }
    }
  }

  private final List<ChildProcess> children = new CopyOnWriteArrayList<>();
  private final Path clusterDir;
  private LocalSecrets secrets;
  private final Map<String, URI> serviceUrls = new LinkedHashMap<>();
  private ApiFront front;
  private String mongoUri;
  private final Map<String, URI> mediaServerUrls = new LinkedHashMap<>();
  private boolean closed;

  private LocalCluster(Path clusterDir) {
    this.clusterDir = clusterDir;
  }

  /** Starts every process and waits until each is healthy; on failure stops what had started. */
  public static LocalCluster start(Spec spec, PrintStream out) throws Exception {
    LocalCluster cluster = new LocalCluster(spec.dataDir().resolve("cluster").toAbsolutePath());
    try {
      cluster.startAll(spec, new Progress(out));
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void startAll(Spec spec, Progress progress) throws Exception {
    Files.createDirectories(clusterDir.resolve("logs"));
    int mongoPort = FreePorts.tcp();
    mongoUri = "mongodb://127.0.0.1:" + mongoPort + "/switchboard";
    progress.step("starting MongoDB on port " + mongoPort, () -> awaitAll(List.of(launch("mongo",
        MongoMain.class.getName(), List.of(String.valueOf(mongoPort), clusterDir.resolve("mongo.mv").toString()),
        URI.create("tcp://127.0.0.1:" + mongoPort)))));

    List<ChildProcess> nodes = new ArrayList<>();
    List<String> mediaServers = new ArrayList<>();
    for (int i = 1; i <= spec.medianodes(); i++) {
      int port = FreePorts.tcp();
      nodes.add(launch("medianode-" + i, ChildProcess.MEDIANODE_MAIN,
          List.of("--port", String.valueOf(port), "--udp-port", String.valueOf(FreePorts.udp()), "--announced-ip",
              // No drain on TERM: the cluster stops its wrappers at the same time, nobody moves sessions.
              "127.0.0.1", "--drain-timeout", "0"), URI.create("http://127.0.0.1:" + port + "/health")));
      mediaServers.add("medianode-" + i + "=ws://127.0.0.1:" + port + "/kurento");
      mediaServerUrls.put("medianode-" + i, URI.create("ws://127.0.0.1:" + port + "/kurento"));
    }
    progress.step("starting " + spec.medianodes() + " medianode(s)", () -> awaitAll(nodes));

    List<ChildProcess> services = new ArrayList<>();
    for (int i = 1; i <= spec.wrappers(); i++) {
      int port = FreePorts.tcp();
      List<String> args = common(mongoUri, spec.amqpUri(), port);
      args.addAll(List.of("--spring.config.name=wrapper", "--switchboard.wrapper.instance-id=cluster-wrapper-" + i,
          "--switchboard.wrapper.media-servers=" + String.join(",", mediaServers)));
      services.add(launch("wrapper-" + i, "dev.switchboard.wrapper.WrapperApplication", args, health(port)));
      serviceUrls.put("wrapper-" + i, URI.create("http://127.0.0.1:" + port));
    }
    secrets = LocalSecrets.in(clusterDir);
    List<ApiFront.Backend> backends = new ArrayList<>();
    for (int i = 1; i <= spec.apis(); i++) {
      int port = FreePorts.tcp();
      List<String> args = common(mongoUri, spec.amqpUri(), port);
      args.addAll(secrets.apiArguments());
      args.addAll(List.of("--spring.config.name=api",
          // Every client of this one-machine cluster, load generators included, comes from 127.0.0.1 through
          // the front: a per-address budget would throttle them all as one. Per-participant limits stay.
          "--switchboard.api.rate-limit.address-per-second=1000000",
          "--switchboard.api.rate-limit.address-burst=10000000"));
      services.add(launch("api-" + i, "dev.switchboard.api.ApiApplication", args, health(port)));
      backends.add(new ApiFront.Backend("api-" + i, URI.create("http://127.0.0.1:" + port)));
      serviceUrls.put("api-" + i, URI.create("http://127.0.0.1:" + port));
    }
    progress.step("starting " + spec.wrappers() + " wrapper(s) and " + spec.apis() + " api(s)",
        () -> awaitAll(services));
    front = progress.step("starting the api front", () -> ApiFront.start("127.0.0.1", spec.frontPort(), backends));
    writePids();
  }

  private static List<String> common(String mongoUri, String amqpUri, int port) {
    return new ArrayList<>(List.of("--spring.mongodb.uri=" + mongoUri, "--spring.rabbitmq.addresses=" + amqpUri,
        "--server.address=127.0.0.1", "--server.port=" + port, "--spring.main.banner-mode=off",
        "--spring.lifecycle.timeout-per-shutdown-phase=5s", "--logging.level.de.bwaldvogel=ERROR",
        // spring.config.name hides application.yaml: expose the scrape as in production (status, tests).
        "--management.endpoints.web.exposure.include=health,info,prometheus"));
  }

  private static URI health(int port) {
    return URI.create("http://127.0.0.1:" + port + "/actuator/health");
  }

  private ChildProcess launch(String name, String mainClass, List<String> args, URI health) throws IOException {
    ChildProcess child = ChildProcess.start(name, mainClass, args, clusterDir.resolve("logs").resolve(name + ".log"),
        health);
    children.add(child);
    writePids();
    return child;
  }

  private static Void awaitAll(List<ChildProcess> started) throws Exception {
    for (ChildProcess child : started) {
      child.awaitHealthy(START_TIMEOUT);
    }
    return null;
  }

  /** {@code <data-dir>/cluster/pids}: "name pid" per line, this JVM (the front) first. */
  private void writePids() throws IOException {
    StringBuilder text = new StringBuilder("front " + ProcessHandle.current().pid() + "\n");
    for (ChildProcess child : children) {
      text.append(child.name).append(' ').append(child.pid()).append('\n');
    }
    Files.writeString(clusterDir.resolve("pids"), text);
  }

  /** The cluster's MongoDB, e.g. {@code mongodb://127.0.0.1:40123/switchboard}; for status and tests. */
  public String mongoUri() {
    return mongoUri;
  }

  /** The Kurento-protocol address of each medianode by name ({@code medianode-1}, ...), as the wrappers know them. */
  public Map<String, URI> mediaServerUrls() {
    return Map.copyOf(mediaServerUrls);
  }

  /** Names of the child processes in start order: {@code mongo}, {@code medianode-1}, ..., {@code api-1}, .... */
  public List<String> names() {
    return children.stream().map(c -> c.name).toList();
  }

  /** The pid of a running child, for chaos tests and status. */
  public long pid(String name) {
    return child(name).pid();
  }

  /** SIGKILLs one child (chaos tests: a crash, not a shutdown) and waits until it is gone. */
  public void kill(String name) throws InterruptedException {
    child(name).kill();
  }

  /** TERMs one child and waits for it to exit (KILL after 10 s): a graceful pod stop. */
  public void stop(String name) throws InterruptedException {
    ChildProcess child = child(name);
    child.terminate();
    child.awaitExit(STOP_GRACE);
  }

  /**
   * Starts a stopped or killed child again with the same arguments (same ports, same data), as
   * Kubernetes restarts a pod in place, and waits until it is healthy. Several children may be
   * restarting at once: only the swap in the list is exclusive, not the wait.
   */
  public void restart(String name) throws Exception {
    ChildProcess fresh;
    synchronized (this) {
      ChildProcess old = child(name);
      fresh = old.restart();
      children.set(children.indexOf(old), fresh);
      writePids();
    }
    fresh.awaitHealthy(START_TIMEOUT);
  }

  private ChildProcess child(String name) {
    return children.stream().filter(c -> c.name.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no process named '" + name + "' in " + names()));
  }

  /** The application key of this cluster's apis (create sessions, join participants). */
  public String applicationKey() {
    return secrets.applicationKey();
  }

  /** The front's address, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    return "http://127.0.0.1:" + front.port();
  }

  /**
   * The direct address of each wrapper and api ({@code wrapper-1}, ..., {@code api-1}, ...), bypassing the
   * front: their actuator (health, prometheus) is on that port. For status and tests.
   */
  public Map<String, URI> serviceUrls() {
    return Map.copyOf(serviceUrls);
  }

  /** The child processes (MongoDB, medianodes, wrappers, apis), for status and tests. */
  public List<ProcessHandle> processes() {
    return children.stream().map(c -> c.process.toHandle()).toList();
  }

  /** Stops the front, then TERMs apis, wrappers, medianodes and MongoDB together; KILLs any left after 10 s. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (front != null) {
      front.close();
    }
    List<ChildProcess> reversed = new ArrayList<>(children).reversed();
    List<ChildProcess> mongo = reversed.stream().filter(c -> c.name.equals("mongo")).toList();
    List<ChildProcess> rest = reversed.stream().filter(c -> !c.name.equals("mongo")).toList();
    try {
      stop(rest);
      stop(mongo); // last, so that the services stop cleanly
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      children.forEach(c -> c.process.destroyForcibly());
    }
    try {
      Files.deleteIfExists(clusterDir.resolve("pids"));
    } catch (IOException e) {
      // only informative
    }
  }

  private static void stop(List<ChildProcess> group) throws InterruptedException {
    group.forEach(ChildProcess::terminate);
    for (ChildProcess child : group) {
      child.awaitExit(STOP_GRACE);
    }
  }
}
