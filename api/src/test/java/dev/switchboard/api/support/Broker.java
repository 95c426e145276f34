package dev.switchboard.api.support;

import static org.assertj.core.api.Assertions.fail;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The real RabbitMQ at 127.0.0.1:5672 as the tests see it, through the plain Java client: publish
 * as a wrapper would, count, take commands, clean up. One shared connection; each call uses its
 * own channel, so it is thread-safe. An unreachable broker fails the test (it never skips).
 */
public final class Broker {
  private static final Connection CONNECTION = connect();

  private Broker() {}

  /** A message from a wrapper to a participant: JSON, persistent. */
  public static void publishToQueue(String queue, String json) {
    publish("", queue, json.getBytes(StandardCharsets.UTF_8));
  }

  public static void publishToExchange(String exchange, String json) {
    publish(exchange, "", json.getBytes(StandardCharsets.UTF_8));
  }

  public static void publish(String exchange, String routingKey, byte[] body) {
    withChannel(channel -> {
      channel.confirmSelect();
      AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
          .contentType("application/json").deliveryMode(2).build();
      channel.basicPublish(exchange, routingKey, true, properties, body);
      channel.waitForConfirmsOrDie(5_000);
      return null;
    });
  }

  public static boolean queueExists(String queue) {
    try {
      return withChannel(channel -> {
        channel.queueDeclarePassive(queue);
        return true;
      });
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** Messages ready in the queue (not those a consumer holds unacknowledged). */
  public static long readyCount(String queue) {
    return withChannel(channel -> channel.queueDeclarePassive(queue).getMessageCount());
  }

  public static long consumerCount(String queue) {
    return withChannel(channel -> channel.queueDeclarePassive(queue).getConsumerCount());
  }

  /**
   * Removes and returns the first message of {@code queue} whose body matches, leaving the
   * others in place (in a shared queue such as {@code wrapper} they may belong to others).
   */
  public static Optional<Received> take(String queue, Predicate<String> matches) {
    return withChannel(channel -> {
      List<Long> others = new ArrayList<>();
      try {
        for (GetResponse next = channel.basicGet(queue, false); next != null; next = channel.basicGet(queue, false)) {
          String body = new String(next.getBody(), StandardCharsets.UTF_8);
          if (matches.test(body)) {
            channel.basicAck(next.getEnvelope().getDeliveryTag(), false);
            return Optional.of(new Received(body, next.getProps()));
          }
          others.add(next.getEnvelope().getDeliveryTag());
        }
        return Optional.empty();
      } finally {
        for (long tag : others) {
          channel.basicNack(tag, false, true);
        }
      }
    });
  }

  /** Takes the matching message, polling (bounded) in case it is still on its way. */
  public static Received await(String queue, Predicate<String> matches, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    do {
      Optional<Received> found = take(queue, matches);
      if (found.isPresent()) {
        return found.get();
      }
      pause();
    } while (System.nanoTime() < deadline);
    return fail("No matching message in queue " + queue + " within " + timeout);
  }

  public static void deleteQueue(String queue) {
    withChannel(channel -> channel.queueDelete(queue));
  }

  public static void deleteExchange(String exchange) {
    withChannel(channel -> channel.exchangeDelete(exchange));
  }

  /** Re-declares the queue with these arguments: RabbitMQ refuses (PRECONDITION_FAILED) if it exists with others. */
  public static void assertDeclarable(String queue, java.util.Map<String, Object> arguments) {
    withChannel(channel -> channel.queueDeclare(queue, true, false, false, arguments));
  }

  public static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A message taken from a queue. */
  public record Received(String body, AMQP.BasicProperties properties) {}

  private interface ChannelWork<T> {
    T run(Channel channel) throws IOException, InterruptedException, java.util.concurrent.TimeoutException;
  }

  private static <T> T withChannel(ChannelWork<T> work) {
    try (Channel channel = CONNECTION.createChannel()) {
      return work.run(channel);
    } catch (IOException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("RabbitMQ refused: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (com.rabbitmq.client.AlreadyClosedException e) {
      // The broker closed the channel (e.g. a passive declare of a missing queue).
      throw new IllegalStateException("RabbitMQ closed the channel: " + e.getMessage(), e);
    }
  }

  private static Connection connect() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(5672);
    factory.setUsername("guest");
    factory.setPassword("guest");
    // The same vhost Spring Boot binds from SPRING_RABBITMQ_VIRTUALHOST: parallel runs stay apart.
    factory.setVirtualHost(System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/"));
    factory.setConnectionTimeout(5_000);
    try {
      return factory.newConnection("switchboard-api-tests");
    } catch (IOException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("The api tests need RabbitMQ at 127.0.0.1:5672 (guest/guest): " + e, e);
    }
  }
}
