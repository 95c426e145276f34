package dev.switchboard.wrapper.messaging;

import com.rabbitmq.client.ConnectionFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Runs the RabbitMQ client's consumer dispatch on virtual threads: handlers block on MongoDB and
 * the media servers, and the client's default pool (twice the cores) would cap how many
 * commands an instance handles at once. Owns the executor and closes it at shutdown.
 *
 * <p>Spring's connection factory passes its own executor (none unless set) to every connection
 * it opens, and the RabbitMQ client then ignores the shared one; so the executor is set on
 * Spring's factory too, or commands would be handled by four platform threads (measured with
 * {@code ./switchboard bench signalling}, see docs/benchmarks.md).
 */
@Component
public class RabbitVirtualThreads implements ConnectionFactoryCustomizer, BeanPostProcessor, DisposableBean {
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("amqp-consumer-", 0).factory());

  @Override
  public void customize(ConnectionFactory factory) {
    factory.setSharedExecutor(executor);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof AbstractConnectionFactory factory) {
      dispatchOnVirtualThreads(factory);
    }
    return bean;
  }

  /**
   * Makes the connections {@code factory} opens dispatch on the virtual threads; for factories
   * that are not beans (the session-queue connections of {@link SessionListenerPool}). Call it
   * before the factory opens its first connection.
   */
  public void dispatchOnVirtualThreads(AbstractConnectionFactory factory) {
    factory.setExecutor(executor);
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
