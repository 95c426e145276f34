package dev.switchboard.local.support;

import dev.switchboard.api.ApiApplication;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.medianode.MediaNode;
import dev.switchboard.medianode.config.ConfigLoader;
import dev.switchboard.medianode.config.MediaNodeConfig;
import dev.switchboard.wrapper.WrapperApplication;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Kubernetes topology in one JVM: an embedded MongoDB, the real RabbitMQ at 127.0.0.1:5672,
 * one medianode, and several api and wrapper instances, each its own Spring context on a free
 * port. Fails (never skips) when RabbitMQ is not reachable.
 */
public final class TestCluster implements AutoCloseable {
  public static final String TOKEN_SECRET = "integration-test-secret-0123456789abcdef";
  public static final String APPLICATION_KEY = "integration-test-application-key-0123456789";

  public final EmbeddedMongo mongo = new EmbeddedMongo();
  /** The first medianode ({@code medianode-1}); {@link #mediaNodes} holds all of them. */
  public final MediaNode mediaNode;
  /** Every medianode, {@code medianode-(i+1)} at index i; an entry changes when one is restarted. */
  public final List<MediaNode> mediaNodes = new ArrayList<>();
  private final List<Integer> mediaNodePorts = new ArrayList<>();
  /** Killed and not restarted: closing a medianode twice would wait forever on its stopped event loop. */
  private final java.util.Set<MediaNode> closed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final Map<String, Object> extraWrapperProperties;
  private final Map<String, Object> extraApiProperties;
  /** The medianodes' command-line flags; {@code --port} is replaced by each node's own. */
  private final List<String> mediaNodeArgs;
  public final List<ConfigurableApplicationContext> wrappers = new ArrayList<>();
  public final List<ConfigurableApplicationContext> apis = new ArrayList<>();
  public final ApiClient client = new ApiClient(APPLICATION_KEY);

  public TestCluster(int apiCount, int wrapperCount) {
    this(apiCount, wrapperCount, 1, Map.of(), Map.of());
  }

  /**
   * One medianode started from {@code mediaNodeArgs} (its command-line flags, e.g. another
   * announced address) and extra wrapper properties (e.g. shorter grace periods).
   */
  public TestCluster(int apiCount, int wrapperCount, Map<String, Object> wrapperProperties, String... mediaNodeArgs) {
    this(apiCount, wrapperCount, 1, wrapperProperties, Map.of(), List.of(mediaNodeArgs));
  }

  /**
   * With {@code mediaNodeCount} medianodes (all in every wrapper's pool) and extra properties for
   * every wrapper and api (e.g. the failover settings and the admin key).
   */
  public TestCluster(int apiCount, int wrapperCount, int mediaNodeCount, Map<String, Object> wrapperProperties,
      Map<String, Object> apiProperties) {
    // Loopback only: candidates of every interface would make browsers in the tests try unreachable pairs first.
    this(apiCount, wrapperCount, mediaNodeCount, wrapperProperties, apiProperties,
        List.of("--udp-port", "0", "--announced-ip", "127.0.0.1"));
  }

  private TestCluster(int apiCount, int wrapperCount, int mediaNodeCount, Map<String, Object> wrapperProperties,
      Map<String, Object> apiProperties, List<String> mediaNodeArgs) {
    this.mediaNodeArgs = withoutPort(mediaNodeArgs);
    this.extraWrapperProperties = Map.copyOf(wrapperProperties);
    this.extraApiProperties = Map.copyOf(apiProperties);
    for (int i = 0; i < mediaNodeCount; i++) {
      MediaNode node = startMediaNode(0);
      mediaNodes.add(node);
      mediaNodePorts.add(node.url().getPort());
    }
    mediaNode = mediaNodes.getFirst();
    try {
      for (int i = 0; i < wrapperCount; i++) {
        wrappers.add(startWrapper("wrapper-" + (i + 1)));
      }
      for (int i = 0; i < apiCount; i++) {
        apis.add(startApi());
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static List<String> withoutPort(List<String> args) {
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--port")) {
        i++;
      } else {
        rest.add(args.get(i));
      }
    }
    return List.copyOf(rest);
  }

  private MediaNode startMediaNode(int port) {
    try {
      List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port)));
      args.addAll(mediaNodeArgs);
      MediaNodeConfig config = ConfigLoader.load(args.toArray(String[]::new), Map.of());
      return MediaNode.start(config, Clock.systemUTC());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The pool id of medianode {@code index} in every wrapper's configuration. */
  public static String mediaServerId(int index) {
    return "medianode-" + (index + 1);
  }

  /** Stops medianode {@code index} abruptly: its sockets close and its objects are gone. */
  public void killMediaNode(int index) {
    MediaNode node = mediaNodes.get(index);
    closed.add(node);
    node.close();
  }

  /** Starts a fresh medianode on the port of {@code index} (after a kill: a restart in place, objects gone). */
  public MediaNode startMediaNodeAgain(int index) {
    MediaNode node = startMediaNode(mediaNodePorts.get(index));
    mediaNodes.set(index, node);
    return node;
  }

  private Map<String, Object> common() {
    return Map.of(
        "spring.mongodb.uri", mongo.uri(),
        "spring.rabbitmq.host", "127.0.0.1",
        "spring.rabbitmq.port", 5672,
        "spring.rabbitmq.username", "guest",
        "spring.rabbitmq.password", "guest",
        "server.port", 0,
        "spring.main.banner-mode", "off");
  }

  public ConfigurableApplicationContext startWrapper(String instanceId) {
    Map<String, Object> props = new java.util.HashMap<>(common());
    props.put("spring.config.name", "wrapper");
    props.put("switchboard.wrapper.instance-id", instanceId + "-" + UUID.randomUUID().toString().substring(0, 4));
    for (int i = 0; i < mediaNodes.size(); i++) {
      props.put("switchboard.wrapper.media-servers[" + i + "].id", mediaServerId(i));
      props.put("switchboard.wrapper.media-servers[" + i + "].uri", mediaNodes.get(i).url().toString());
    }
    props.putAll(extraWrapperProperties);
    return new SpringApplicationBuilder(WrapperApplication.class).properties(props).run();
  }

  public ConfigurableApplicationContext startApi() {
    Map<String, Object> props = new java.util.HashMap<>(common());
    props.put("spring.config.name", "api");
    props.put("switchboard.api.token-secret", TOKEN_SECRET);
    props.put("switchboard.api.application-key", APPLICATION_KEY);
    // All test clients share 127.0.0.1; per-participant limits stay at their defaults.
    props.put("switchboard.api.rate-limit.address-per-second", 1_000_000);
    props.put("switchboard.api.rate-limit.address-burst", 10_000_000);
    props.putAll(extraApiProperties);
    return new SpringApplicationBuilder(ApiApplication.class).properties(props).run();
  }

  public String apiUrl(int index) {
    ConfigurableApplicationContext ctx = apis.get(index % apis.size());
    return "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
  }

  /**
   * Deletes every queue and exchange the test's sessions and participants created. Left behind,
   * each idle queue keeps broker file descriptors, and a few hundred exhaust a default broker.
   */
  private void deleteBrokerObjects() {
    com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setVirtualHost(System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/"));
    try (com.rabbitmq.client.Connection connection = factory.newConnection("test-cleanup")) {
      for (String sid : client.createdSessions) {
        deleteQuietly(connection, c -> c.queueDelete(dev.switchboard.contracts.Topology.sessionQueue(sid)));
        deleteQuietly(connection, c -> c.exchangeDelete(dev.switchboard.contracts.Topology.sessionExchange(sid)));
      }
      for (String pid : client.createdParticipants) {
        deleteQuietly(connection, c -> c.queueDelete(dev.switchboard.contracts.Topology.userQueue(pid)));
      }
    } catch (java.io.IOException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not clean the broker up", e);
    }
  }

  /** A broker operation on a fresh channel, ignoring "not found" (the wrapper may have deleted it). */
  public static void deleteQuietly(com.rabbitmq.client.Connection connection, BrokerOperation op) {
    try (com.rabbitmq.client.Channel channel = connection.createChannel()) {
      op.run(channel);
    } catch (Exception e) {
      // already gone: the channel is closed by the 404, nothing to undo
    }
  }

  /** One delete on a channel. */
  @FunctionalInterface
  public interface BrokerOperation {
    void run(com.rabbitmq.client.Channel channel) throws Exception;
  }

  @Override
  public void close() {
    for (ConfigurableApplicationContext ctx : apis) {
      ctx.close();
    }
    for (ConfigurableApplicationContext ctx : wrappers) {
      ctx.close();
    }
    for (MediaNode node : mediaNodes) {
      if (closed.add(node)) {
        node.close();
      }
    }
    mongo.close();
    deleteBrokerObjects();
  }
}
