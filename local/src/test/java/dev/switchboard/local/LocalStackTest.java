package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.ConnectionFactory;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.rest.JoinResponse;
import dev.switchboard.contracts.rest.SessionView;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.local.support.TestCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-command launcher in-process: sessions survive a restart, and the stack works on the embedded Qpid broker. */
class LocalStackTest {
  @TempDir
  Path dataDir;

  private ApiClient client;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private LocalStack stack;

  private LocalConfig config(String amqp) {
    return LocalConfig.parse(new String[] {"--http-port", "0", "--udp-port", "0", "--data-dir", dataDir.toString(),
        "--amqp", amqp}, Map.of());
  }

  private String start(LocalConfig config) throws Exception {
    stack = LocalStack.start(config, new PrintStream(console, true, StandardCharsets.UTF_8));
    client = new ApiClient(stack.applicationKey());
    return stack.url().substring(0, stack.url().length() - 1);
  }

  @AfterEach
  void stop() {
    if (stack != null) {
      String amqp = stack.usesEmbeddedBroker() ? null : stack.brokerUri();
      stack.close();
      if (amqp != null) {
        deleteQueues(amqp);
      }
    }
  }

  @Test
  void sessionsSurviveARestartOnTheSameDataFolder() throws Exception {
    String base = start(config("auto"));
    String sessionId = client.createSession(base);
    assertThat(awaitActive(base, sessionId).state()).isEqualTo("ACTIVE");
    assertThat(Files.exists(dataDir.resolve("mongo.mv"))).isTrue();
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("starting MongoDB", "ok", "starting the api");

    stack.close();
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("Switchboard stopped.");
    base = start(config("auto"));

    SessionView again = client.session(base, sessionId);
    assertThat(again.sessionId()).isEqualTo(sessionId);
    assertThat(again.state()).isEqualTo("ACTIVE");
  }

  @Test
  void runsOnTheEmbeddedQpidBrokerDespiteQueueArgumentsItDoesNotKnow() throws Exception {
    String base = start(config("embedded"));
    assertThat(stack.usesEmbeddedBroker()).isTrue();
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("AMQP 0-9-1 at amqp://guest:***@127.0.0.1:");

    // The wrapper and session queues carry x-expires, x-dead-letter-exchange and x-queue-version.
    String sessionId = client.createSession(base);
    assertThat(awaitActive(base, sessionId).state()).isEqualTo("ACTIVE");
    // The join declares user.{pid} (x-expires) and binds it to the session exchange: accepted too.
    JoinResponse joined = client.join(base, sessionId, "alice");
    assertThat(joined.token()).isNotBlank();
  }

  /** Webhook queues are quorum queues with dead-letter settings Broker-J does not know: it must accept them. */
  @Test
  void webhookQueuesAreDeclaredOnTheEmbeddedQpidBrokerToo() throws Exception {
    System.setProperty("switchboard.wrapper.webhooks.url", "http://127.0.0.1:9/hooks");
    System.setProperty("switchboard.wrapper.webhooks.secret", "qpid-webhook-secret-0123456789abcdef");
    try {
      String base = start(config("embedded"));
      assertThat(stack.usesEmbeddedBroker()).isTrue();
      String sessionId = client.createSession(base);
      assertThat(awaitActive(base, sessionId).state()).isEqualTo("ACTIVE");
      assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("PRECONDITION_FAILED");
    } finally {
      System.clearProperty("switchboard.wrapper.webhooks.url");
      System.clearProperty("switchboard.wrapper.webhooks.secret");
    }
  }

  /*
   * Broker-J resolves a default-exchange routing key to a same-named exchange before the queue of
   * that name; this proves session commands reach the wrapper's session queue on it.
   */
  @Test
  void joinsReachTheWrapperOnTheEmbeddedQpidBroker() throws Exception {
    String base = start(config("embedded"));
    String sessionId = client.createSession(base);
    assertThat(awaitActive(base, sessionId).state()).isEqualTo("ACTIVE");
    JoinResponse joined = client.join(base, sessionId, "alice");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    SessionView view = client.session(base, sessionId);
    while (view.participants().isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      view = client.session(base, sessionId);
    }
    assertThat(view.participants()).hasSize(1);
    assertThat(client.poll(base, sessionId, joined.participantId(), joined.token(), 0, 0)).isNotNull();
  }

  /** Creation is asynchronous (CREATING until a wrapper has placed the session on a media server). */
  private SessionView awaitActive(String base, String sessionId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    SessionView view = client.session(base, sessionId);
    while (!view.state().equals("ACTIVE") && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
      view = client.session(base, sessionId);
    }
    return view;
  }

  @Test
  void badFlagsAreReportedTogether() {
    assertThatThrownBy(() -> LocalConfig.parse(new String[] {"--http-port", "x", "--amqp", "kafka", "--nope"},
        Map.of()))
        .hasMessageContaining("--http-port must be a port number")
        .hasMessageContaining("unknown argument '--nope'");
    assertThatThrownBy(() -> LocalConfig.parse(new String[] {"--amqp", "kafka"}, Map.of()))
        .hasMessageContaining("--amqp must be auto, embedded or an amqp:// URI");
    assertThatThrownBy(() -> LocalConfig.parse(new String[0], Map.of("SWITCHBOARD_MEDIA_SERVERS", "ws://x")))
        .hasMessageContaining("is not id=ws://host:port/path");
    LocalConfig defaults = LocalConfig.parse(new String[0], Map.of());
    assertThat(defaults.httpPort()).isEqualTo(8080);
    assertThat(defaults.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(defaults.amqp()).isEqualTo("auto");
    assertThat(defaults.medianodeUdpPort()).isEqualTo(40000);
    assertThat(LocalConfig.parse(new String[] {"--http-port=9090"}, Map.of("SWITCHBOARD_HTTP_PORT", "7070"))
        .httpPort()).isEqualTo(9090);
  }

  /** RabbitMQ keeps what the test declared until x-expires; take it away now. */
  private void deleteQueues(String amqpUri) {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(URI.create(amqpUri));
      factory.setVirtualHost(System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/"));
      try (com.rabbitmq.client.Connection connection = factory.newConnection("local-stack-test-cleanup")) {
        for (String sid : client.createdSessions) {
          TestCluster.deleteQuietly(connection, c -> c.queueDelete(Topology.sessionQueue(sid)));
          TestCluster.deleteQuietly(connection, c -> c.exchangeDelete(Topology.sessionExchange(sid)));
        }
        for (String pid : client.createdParticipants) {
          TestCluster.deleteQuietly(connection, c -> c.queueDelete(Topology.userQueue(pid)));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not clean the broker up", e);
    }
  }
}
