package dev.switchboard.wrapper.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.switchboard.wrapper.testing.Broker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

/**
 * Deliveries reach consumers on virtual threads through Spring's connection factory, not on the
 * RabbitMQ client's default pool of twice the cores (which capped a wrapper at a few commands at once).
 */
class RabbitVirtualThreadsTest {

  @Test
  void consumersOfSpringsConnectionsRunOnVirtualThreads() throws Exception {
    Broker.requireRabbit();
    RabbitVirtualThreads virtualThreads = new RabbitVirtualThreads();
    CachingConnectionFactory factory = new CachingConnectionFactory(Broker.HOST, Broker.PORT);
    factory.setVirtualHost(System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/"));
    virtualThreads.postProcessAfterInitialization(factory, "rabbitConnectionFactory");
    try {
      Connection connection = factory.createConnection();
      Channel channel = connection.createChannel(false);
      // Server-named, exclusive: the broker deletes it with the connection.
      String queue = channel.queueDeclare().getQueue();
      CompletableFuture<Thread> deliveredOn = new CompletableFuture<>();
      channel.basicConsume(queue, true, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
          deliveredOn.complete(Thread.currentThread());
        }
      });
      channel.basicPublish("", queue, null, "ping".getBytes());

      Thread thread = deliveredOn.get(10, TimeUnit.SECONDS);

      assertThat(thread.isVirtual()).as("delivered on %s", thread.getName()).isTrue();
      assertThat(thread.getName()).startsWith("amqp-consumer-");
    } finally {
      factory.destroy();
      virtualThreads.destroy();
    }
  }
}
