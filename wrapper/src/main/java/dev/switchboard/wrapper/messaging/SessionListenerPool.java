package dev.switchboard.wrapper.messaging;

import dev.switchboard.wrapper.config.WrapperProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The listener containers that consume session queues, each on its own RabbitMQ connection and
 * holding at most {@code sessions-per-connection} queues, so that a wrapper is not bounded by one
 * connection's channel limit (2,047 by default; every consumer is a channel). A container and
 * its connection are made when every existing one is full, and stay until the instance stops.
 * Thread-safe: a private lock orders queue changes, start and stop.
 */
@Component
public class SessionListenerPool implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SessionListenerPool.class);

  /** One container, its connection and the queues given to it. */
  private record Shard(CachingConnectionFactory connectionFactory, DirectMessageListenerContainer container,
                       List<String> queues) {}

  private final com.rabbitmq.client.ConnectionFactory rabbitFactory;
  private final CommandListener listener;
  private final WrapperProperties properties;
  private final List<Shard> shards = new ArrayList<>();
  private final Map<String, Shard> shardByQueue = new HashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean running;
  private final RabbitVirtualThreads virtualThreads;

  public SessionListenerPool(ConnectionFactory connectionFactory, CommandListener listener,
      WrapperProperties properties, RabbitVirtualThreads virtualThreads) {
    this.virtualThreads = virtualThreads;
    // The application's factory, as Spring Boot configured it (address, vhost, credentials); each
    // shard opens its own connection from it.
    this.rabbitFactory = ((CachingConnectionFactory) connectionFactory).getRabbitConnectionFactory();
    this.listener = listener;
    this.properties = properties;
  }

  /** Starts consuming {@code queue} on the first connection with room, opening one if all are full. */
  public void add(String queue) {
    lock.lock();
    try {
      if (shardByQueue.containsKey(queue)) {
        return;
      }
      Shard shard = shards.stream().filter(s -> s.queues().size() < properties.sessionsPerConnection()).findFirst()
          .orElseGet(this::newShard);
      shard.container().addQueueNames(queue);
      shard.queues().add(queue);
      shardByQueue.put(queue, shard);
    } finally {
      lock.unlock();
    }
  }

  /** Stops consuming {@code queue}; a no-op if not consumed. */
  public void remove(String queue) {
    lock.lock();
    try {
      Shard shard = shardByQueue.remove(queue);
      if (shard != null) {
        shard.queues().remove(queue);
        shard.container().removeQueueNames(queue);
      }
    } finally {
      lock.unlock();
    }
  }

  public boolean isConsuming(String queue) {
    lock.lock();
    try {
      Shard shard = shardByQueue.get(queue);
      return shard != null && List.of(shard.container().getQueueNames()).contains(queue);
    } finally {
      lock.unlock();
    }
  }

  /** How many connections (and containers) session queues are spread over. */
  public int connections() {
    lock.lock();
    try {
      return shards.size();
    } finally {
      lock.unlock();
    }
  }

  private Shard newShard() {
    int index = shards.size() + 1;
    CachingConnectionFactory connectionFactory = new CachingConnectionFactory(rabbitFactory);
    // Not a bean, so RabbitVirtualThreads' post-processor never sees it: without this, commands of
    // these sessions would be handled by the client's small default pool.
    virtualThreads.dispatchOnVirtualThreads(connectionFactory);
    connectionFactory.setConnectionNameStrategy(f -> properties.instanceId() + "-sessions-" + index);
    DirectMessageListenerContainer container = MessagingConfiguration.container(connectionFactory, listener,
        properties, "session-queues-" + index + "-");
    container.afterPropertiesSet();
    if (running) {
      container.start();
    }
    Shard shard = new Shard(connectionFactory, container, new ArrayList<>());
    shards.add(shard);
    log.info("Session queues now spread over {} connection(s), at most {} queues each", shards.size(),
        properties.sessionsPerConnection());
    return shard;
  }

  @Override
  public void start() {
    lock.lock();
    try {
      running = true;
      shards.forEach(s -> s.container().start());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stop() {
    lock.lock();
    try {
      running = false;
      shards.forEach(s -> s.container().stop());
      shards.forEach(s -> s.connectionFactory().resetConnection());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Same phase as the other containers: up before, and down after, the watcher that feeds it. */
  @Override
  public int getPhase() {
    return MessagingConfiguration.CONTAINER_PHASE;
  }
}
