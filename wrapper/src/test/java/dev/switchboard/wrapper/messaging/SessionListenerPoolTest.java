package dev.switchboard.wrapper.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import dev.switchboard.contracts.Topology;
import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.config.WrapperProperties.MediaServerSpec;
import dev.switchboard.wrapper.testing.Broker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * Against the real RabbitMQ with a channel limit of 12 per connection (the client's requested
 * channel max): one connection cannot consume 30 session queues, the pool spreads them over
 * connections of 10 and consumes every one.
 */
class SessionListenerPoolTest {
  private static final int CHANNEL_MAX = 12;
  private static final int QUEUES = 30;
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final List<String> queues = new ArrayList<>();
  private CachingConnectionFactory connectionFactory;
  private RabbitAdmin admin;
  private SessionListenerPool pool;
  private final RabbitVirtualThreads virtualThreads = new RabbitVirtualThreads();

  @BeforeAll
  static void requireRabbit() {
    Broker.requireRabbit();
  }

  @Test
  void oneConnectionStopsAtItsChannelLimitAndThePoolConsumesEveryQueue() {
    start(QUEUES);
    for (int i = 0; i < QUEUES; i++) {
      pool.add(queues.get(i));
    }
    // The proof that the limit is real: one connection gets at most CHANNEL_MAX - 1 consumers
    // (channel 0 is the connection's own), however long it retries.
    await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> consumed() < QUEUES);
    assertThat(pool.connections()).isEqualTo(1);
    pool.stop();
    await().atMost(WAIT).until(() -> consumed() == 0);
    queues.forEach(admin::deleteQueue);
    queues.clear();

    start(10);
    for (int i = 0; i < QUEUES; i++) {
      pool.add(queues.get(i));
    }
    await().atMost(WAIT).until(() -> consumed() == QUEUES);
    assertThat(pool.connections()).isEqualTo(3);
    assertThat(queues).allMatch(pool::isConsuming);

    pool.remove(queues.getFirst());
    await().atMost(WAIT).until(() -> consumed() == QUEUES - 1);
    assertThat(pool.isConsuming(queues.getFirst())).isFalse();
  }

  /** A pool of at most {@code sessionsPerConnection} queues per connection, started, and QUEUES fresh queues. */
  private void start(int sessionsPerConnection) {
    if (connectionFactory == null) {
      connectionFactory = new CachingConnectionFactory(Broker.HOST, Broker.PORT);
      connectionFactory.setVirtualHost(System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/"));
      connectionFactory.getRabbitConnectionFactory().setRequestedChannelMax(CHANNEL_MAX);
      admin = new RabbitAdmin(connectionFactory);
    }
    pool = new SessionListenerPool(connectionFactory, mock(CommandListener.class), properties(sessionsPerConnection),
        virtualThreads);
    pool.start();
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < QUEUES; i++) {
      String queue = Topology.sessionQueue("pool-" + run + "-" + i);
      admin.declareQueue(new Queue(queue, false, false, false, Map.of("x-expires", 60_000)));
      queues.add(queue);
    }
  }

  private static WrapperProperties properties(int sessionsPerConnection) {
    return new WrapperProperties(List.of(new MediaServerSpec("ms", "ws://ms.invalid/kurento")),
        "pool-test", 3, Duration.ofMillis(10), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(50),
        Duration.ofSeconds(10), 1, sessionsPerConnection, Duration.ofSeconds(2), Duration.ofSeconds(10),
        Duration.ofMillis(200), Duration.ofSeconds(4), 6, Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(2), 8);
  }

  private int consumed() {
    return (int) queues.stream().filter(q -> {
      var info = admin.getQueueInfo(q);
      return info != null && info.getConsumerCount() > 0;
    }).count();
  }

  @AfterEach
  void cleanUp() {
    if (pool != null) {
      pool.stop();
    }
    if (admin != null) {
      queues.forEach(admin::deleteQueue);
    }
    if (connectionFactory != null) {
      connectionFactory.destroy();
    }
    virtualThreads.destroy();
  }

  @Test
  void sessionQueueCommandsAreHandledOnVirtualThreads() throws Exception {
    start(10);
    java.util.concurrent.CompletableFuture<Thread> handledOn = new java.util.concurrent.CompletableFuture<>();
    pool.stop(); // replaced by one whose listener records the thread it runs on
    CommandListener recording = mock(CommandListener.class);
    org.mockito.Mockito.doAnswer(invocation -> {
      handledOn.complete(Thread.currentThread());
      return null;
    }).when(recording).onMessage(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
    pool = new SessionListenerPool(connectionFactory, recording, properties(10), virtualThreads);
    pool.start();
    pool.add(queues.getFirst());
    new org.springframework.amqp.rabbit.core.RabbitTemplate(connectionFactory).convertAndSend(queues.getFirst(), "{}");

    Thread thread = handledOn.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    org.assertj.core.api.Assertions.assertThat(thread.isVirtual()).as("handled on %s", thread).isTrue();
  }
}
