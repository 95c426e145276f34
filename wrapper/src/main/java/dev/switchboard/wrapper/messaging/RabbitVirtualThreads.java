package dev.switchboard.wrapper.messaging;

import com.rabbitmq.client.ConnectionFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Runs the RabbitMQ client's consumer dispatch on virtual threads: handlers block on MongoDB and
 * the media servers, and the client's default pool (twice the cores) would cap how many
 * commands an instance handles at once. Owns the executor and closes it at shutdown.
 */
@Component
public class RabbitVirtualThreads implements ConnectionFactoryCustomizer, DisposableBean {
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("amqp-consumer-", 0).factory());

  @Override
  public void customize(ConnectionFactory factory) {
    factory.setSharedExecutor(executor);
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
