package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.switchboard.contracts.messages.MediaServerLost;
import dev.switchboard.contracts.messages.Delivery;
import dev.switchboard.contracts.rest.JoinResponse;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.local.support.TestCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery and draining with real processes, as in Kubernetes: a wrapper that finds its medianodes
 * only through a DNS name (here the JDK's hosts-file resolver, {@code -Djdk.net.hosts.file}, which
 * the JDK reads again on every lookup, rewritten by the test), an api, MongoDB, and medianodes on
 * 127.0.0.1 and 127.0.0.2 with the same port. A second medianode appears and takes new sessions
 * without a wrapper restart; then the first leaves DNS and gets SIGTERM: its {@code /ready} turns
 * 503, its sessions move to the second (clients told), and it exits 0 once its pipelines are gone.
 */
class MediaServerDiscoveryProcessTest {
  private static final String NAME = "medianodes.switchboard.test";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @TempDir
  Path dir;

  private final List<ChildProcess> children = new ArrayList<>();
  private final ApiClient client = new ApiClient(TestCluster.APPLICATION_KEY);
  private MongoClient mongo;
  private Path hosts;
  private String previousWrapperOptions;
  private String previousMediaNodeOptions;
  private static final String WRAPPER_OPTIONS = "switchboard.cluster.jvm-options.wrapper";
  private static final String MEDIANODE_OPTIONS = "switchboard.cluster.jvm-options.medianode";

  @AfterEach
  void stop() throws Exception {
    if (mongo != null) {
      mongo.close();
    }
    for (ChildProcess child : children.reversed()) {
      child.process.destroyForcibly();
      child.process.waitFor(10, TimeUnit.SECONDS);
    }
    restore(WRAPPER_OPTIONS, previousWrapperOptions);
    restore(MEDIANODE_OPTIONS, previousMediaNodeOptions);
    cleanBroker();
  }

  @Test
  @Timeout(300)
  void aNewMedianodeTakesNewSessionsAndALeavingOneIsDrainedWithoutRestartingTheWrapper() throws Exception {
    int kurentoPort = FreePorts.tcp();
    hosts = dir.resolve("hosts");
    writeHosts("127.0.0.1");
    int mongoPort = FreePorts.tcp();
    String mongoUri = "mongodb://127.0.0.1:" + mongoPort + "/switchboard";
    start("mongo", MongoMain.class.getName(), List.of(String.valueOf(mongoPort), dir.resolve("mongo.mv").toString()),
        URI.create("tcp://127.0.0.1:" + mongoPort));
    // Placement picks the least resident memory: a pre-touched 200 MB heap makes the first node the
    // fuller one, so that new sessions go to the second as soon as the wrapper knows it.
    previousMediaNodeOptions = System.getProperty(MEDIANODE_OPTIONS);
    System.setProperty(MEDIANODE_OPTIONS, "-Xms200m -XX:+AlwaysPreTouch");
    ChildProcess first = startMediaNode("medianode-1", "127.0.0.1", kurentoPort);
    restore(MEDIANODE_OPTIONS, previousMediaNodeOptions);

    int wrapperPort = FreePorts.tcp();
    previousWrapperOptions = System.getProperty(WRAPPER_OPTIONS);
    System.setProperty(WRAPPER_OPTIONS, "-Djdk.net.hosts.file=" + hosts);
    List<String> wrapperArgs = common(mongoUri, wrapperPort);
    wrapperArgs.addAll(List.of("--spring.config.name=wrapper", "--switchboard.wrapper.instance-id=discovery-wrapper-1",
        "--switchboard.wrapper.media-servers=", "--switchboard.wrapper.discovery.dns-name=" + NAME,
        "--switchboard.wrapper.discovery.port=" + kurentoPort, "--switchboard.wrapper.discovery.interval=1s"));
    start("wrapper-1", "dev.switchboard.wrapper.WrapperApplication", wrapperArgs,
        URI.create("http://127.0.0.1:" + wrapperPort + "/actuator/health"));
    restore(WRAPPER_OPTIONS, previousWrapperOptions);
    int apiPort = FreePorts.tcp();
    List<String> apiArgs = common(mongoUri, apiPort);
    apiArgs.addAll(List.of("--spring.config.name=api", "--switchboard.api.token-secret=" + TestCluster.TOKEN_SECRET,
        "--switchboard.api.application-key=" + TestCluster.APPLICATION_KEY,
        "--switchboard.api.rate-limit.address-per-second=1000000", "--switchboard.api.rate-limit.address-burst=10000000"));
    start("api-1", "dev.switchboard.api.ApiApplication", apiArgs,
        URI.create("http://127.0.0.1:" + apiPort + "/actuator/health"));
    String api = "http://127.0.0.1:" + apiPort;
    mongo = MongoClients.create(mongoUri);

    // One medianode in DNS: sessions land on it.
    List<String> sessions = new ArrayList<>();
    List<JoinResponse> people = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String sid = client.createSession(api);
      sessions.add(sid);
      people.add(client.join(api, sid, "p" + i));
      assertThat(waitFor(() -> session(sid), doc -> doc != null && doc.get("pipeline") != null)
          .getString("mediaServer")).isEqualTo("dns-127.0.0.1");
    }

    // A second medianode appears in DNS: the running wrapper connects to it and places sessions there.
    ChildProcess second = startMediaNode("medianode-2", "127.0.0.2", kurentoPort);
    long appearedAt = System.nanoTime();
    writeHosts("127.0.0.1", "127.0.0.2");
    waitFor(() -> scrape(wrapperPort), text -> text.contains("server=\"dns-127.0.0.2\"} 1.0"));
    long joinedMillis = (System.nanoTime() - appearedAt) / 1_000_000;
    String onSecond = null;
    for (int i = 0; i < 6 && onSecond == null; i++) {
      String sid = client.createSession(api);
      JoinResponse joined = client.join(api, sid, "n" + i);
      Document doc = waitFor(() -> session(sid), d -> d != null && d.get("pipeline") != null);
      if (doc.getString("mediaServer").equals("dns-127.0.0.2")) {
        onSecond = sid;
      } else {
        sessions.add(sid);
        people.add(joined);
      }
    }
    assertThat(onSecond).as("a new session placed on the discovered medianode").isNotNull();

    // The first leaves DNS (its pod terminates) and gets SIGTERM: it drains, sessions move.
    List<Long> epochs = sessions.stream().map(sid -> session(sid).getLong("epoch")).toList();
    long leftAt = System.nanoTime();
    writeHosts("127.0.0.2");
    first.terminate();
    java.util.concurrent.atomic.AtomicLong exitedAt = new java.util.concurrent.atomic.AtomicLong();
    first.process.onExit().thenRun(() -> exitedAt.set(System.nanoTime()));
    assertThat(awaitStatus(kurentoPort, "127.0.0.1", 503, Duration.ofSeconds(5))).as("/ready of the draining node")
        .isTrue();
    for (int i = 0; i < sessions.size(); i++) {
      String sid = sessions.get(i);
      long epoch = epochs.get(i);
      Document moved = waitFor(() -> session(sid), d -> d.getLong("epoch") > epoch);
      assertThat(moved.getString("mediaServer")).isEqualTo("dns-127.0.0.2");
      assertThat(moved.getLong("epoch")).isEqualTo(epoch + 1);
      JoinResponse person = people.get(i);
      waitFor(() -> client.poll(api, sid, person.participantId(), person.token(), 0, 1),
          deliveries -> deliveries.stream().map(Delivery::message).anyMatch(m -> m instanceof MediaServerLost lost
              && lost.reason().contains("dns-127.0.0.1") && lost.reason().contains("drained")));
    }
    long movedMillis = (System.nanoTime() - leftAt) / 1_000_000; // includes the clients' polls
    assertThat(first.process.waitFor(20, TimeUnit.SECONDS)).as("the drained medianode exits well before its 60 s")
        .isTrue();
    waitFor(exitedAt::get, at -> at != 0);
    long exitedMillis = (exitedAt.get() - leftAt) / 1_000_000;
    assertThat(first.process.exitValue()).as("exit code of the drained medianode").isZero();
    assertThat(Files.readString(first.log)).contains("medianode drained");
    waitFor(() -> scrape(wrapperPort), text -> !text.contains("server=\"dns-127.0.0.1\""));
    assertThat(second.process.isAlive()).isTrue();
    System.out.printf("DISCOVERY new medianode connected %d ms after it entered DNS; %d session(s) moved %d ms after "
        + "the first left DNS; it exited (0) after %d ms%n", joinedMillis, sessions.size(), movedMillis, exitedMillis);
  }

  private ChildProcess startMediaNode(String name, String host, int port) throws Exception {
    return start(name, ChildProcess.MEDIANODE_MAIN, List.of("--host", host, "--port", String.valueOf(port),
        "--udp-port", String.valueOf(FreePorts.udp()), "--announced-ip", "127.0.0.1", "--drain-timeout", "60"),
        URI.create("http://" + host + ":" + port + "/ready"));
  }

  private ChildProcess start(String name, String main, List<String> args, URI health) throws Exception {
    ChildProcess child = ChildProcess.start(name, main, args, dir.resolve("logs").resolve(name + ".log"), health);
    children.add(child);
    try {
      child.awaitHealthy(Duration.ofSeconds(120));
    } catch (IOException e) {
      String text = Files.exists(child.log) ? Files.readString(child.log) : "";
      throw new IOException(e.getMessage() + "; log tail:\n" + text.substring(Math.max(0, text.length() - 6000)), e);
    }
    return child;
  }

  private static List<String> common(String mongoUri, int port) {
    return new ArrayList<>(List.of("--spring.mongodb.uri=" + mongoUri,
        "--spring.rabbitmq.addresses=" + BrokerChoice.LOCAL_RABBITMQ, "--server.address=127.0.0.1",
        "--server.port=" + port, "--spring.main.banner-mode=off", "--spring.lifecycle.timeout-per-shutdown-phase=5s",
        "--logging.level.de.bwaldvogel=ERROR", "--management.endpoints.web.exposure.include=health,info,prometheus"));
  }

  /** The hosts file the wrapper resolves the name with; localhost and this host's name resolve as usual. */
  private void writeHosts(String... addresses) throws IOException {
    StringBuilder text = new StringBuilder("127.0.0.1 localhost " + hostName() + "\n");
    for (String address : addresses) {
      text.append(address).append(' ').append(NAME).append('\n');
    }
    Path next = hosts.resolveSibling("hosts.next");
    Files.writeString(next, text);
    Files.move(next, hosts, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private Document session(String sid) {
    return mongo.getDatabase("switchboard").getCollection("sessions").find(new Document("_id", sid)).first();
  }

  private static String scrape(int port) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static boolean awaitStatus(int port, String host, int expected, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        int status = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/ready"))
            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == expected) {
          return true;
        }
      } catch (IOException e) {
        // not answering yet
      }
      Thread.sleep(50);
    }
    return false;
  }

  private static <T> T waitFor(Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = read.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("condition not met within " + TIMEOUT + "; last value: " + last);
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, previous);
    }
  }

  private void cleanBroker() {
    com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setVirtualHost(System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/"));
    try (com.rabbitmq.client.Connection connection = factory.newConnection("discovery-test-cleanup")) {
      for (String sid : client.createdSessions) {
        TestCluster.deleteQuietly(connection, c -> c.queueDelete(dev.switchboard.contracts.Topology.sessionQueue(sid)));
        TestCluster.deleteQuietly(connection,
            c -> c.exchangeDelete(dev.switchboard.contracts.Topology.sessionExchange(sid)));
      }
      for (String pid : client.createdParticipants) {
        TestCluster.deleteQuietly(connection, c -> c.queueDelete(dev.switchboard.contracts.Topology.userQueue(pid)));
      }
    } catch (IOException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not clean the broker up", e);
    }
  }
}
