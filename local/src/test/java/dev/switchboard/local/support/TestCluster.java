package dev.switchboard.local.support;

import dev.switchboard.api.ApiApplication;
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

  public final EmbeddedMongo mongo = new EmbeddedMongo();
  public final MediaNode mediaNode;
  public final List<ConfigurableApplicationContext> wrappers = new ArrayList<>();
  public final List<ConfigurableApplicationContext> apis = new ArrayList<>();
  public final ApiClient client = new ApiClient();
  private final Map<String, Object> wrapperProperties;

  public TestCluster(int apiCount, int wrapperCount) {
    // Loopback only: candidates of every interface would make browsers in the tests try unreachable pairs first.
    this(apiCount, wrapperCount, Map.of(), "--port", "0", "--udp-port", "0", "--announced-ip", "127.0.0.1");
  }

  /**
   * With the medianode started from {@code mediaNodeArgs} (its command-line flags) and extra
   * wrapper properties {@code wrapperProperties} (e.g. shorter grace periods).
   */
  public TestCluster(int apiCount, int wrapperCount, Map<String, Object> wrapperProperties, String... mediaNodeArgs) {
    this.wrapperProperties = Map.copyOf(wrapperProperties);
    try {
      MediaNodeConfig config = ConfigLoader.load(mediaNodeArgs, Map.of());
      mediaNode = MediaNode.start(config, Clock.systemUTC());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
    props.put("switchboard.wrapper.media-servers[0].id", "medianode-1");
    props.put("switchboard.wrapper.media-servers[0].uri", mediaNode.url().toString());
    props.putAll(wrapperProperties);
    return new SpringApplicationBuilder(WrapperApplication.class).properties(props).run();
  }

  public ConfigurableApplicationContext startApi() {
    Map<String, Object> props = new java.util.HashMap<>(common());
    props.put("spring.config.name", "api");
    props.put("switchboard.api.token-secret", TOKEN_SECRET);
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
    if (mediaNode != null) {
      mediaNode.close();
    }
    mongo.close();
    deleteBrokerObjects();
  }
}
