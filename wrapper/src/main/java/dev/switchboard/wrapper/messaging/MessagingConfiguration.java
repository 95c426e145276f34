package dev.switchboard.wrapper.messaging;

import dev.switchboard.contracts.Topology;
import dev.switchboard.wrapper.config.WrapperProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * The wrapper's RabbitMQ topology and the listener container of the {@code wrapper} work queue
 * (session queues are consumed by {@link SessionListenerPool}'s containers). Beans only.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {
  public static final String WRAPPER_CONTAINER = "wrapperQueueContainer";
  /** Containers start before, and stop after, the change-stream watcher that feeds them queues. */
  static final int CONTAINER_PHASE = Integer.MAX_VALUE - 200;
  private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);
  /**
   * How often a container looks for consumers to restart (Spring's default is 10 s), and the pause
   * between attempts while the broker is down (default 5 s): after a broker restart the wrapper
   * consumes again within about a second instead of up to 15 s. One cheap check per second.
   */
  static final Duration CONSUMER_RECOVERY = Duration.ofSeconds(1);

  /**
   * Declared at every (re)connection: the dead-letter exchange and queue, and the work queue with
   * exactly the contract's arguments (the api declares it too; RabbitMQ refuses a differing
   * re-declaration).
   */
  @Bean
  Declarables wrapperTopology() {
    FanoutExchange deadLetters = new FanoutExchange(Topology.DEAD_LETTER_EXCHANGE, true, false);
    Queue deadLetterQueue = new Queue(Topology.DEAD_LETTER_QUEUE, true, false, false,
        Topology.deadLetterQueueArguments());
    Queue work = new Queue(Topology.WRAPPER_QUEUE, true, false, false, Topology.wrapperQueueArguments());
    return new Declarables(deadLetters, deadLetterQueue, BindingBuilder.bind(deadLetterQueue).to(deadLetters), work);
  }

  /**
   * A declaration refused by the broker (another service declared a name differently) is logged
   * instead of stopping the instance: the objects exist and can still be used.
   */
  @Bean
  RabbitAdmin rabbitAdmin(ConnectionFactory connectionFactory) {
    RabbitAdmin admin = new RabbitAdmin(connectionFactory);
    admin.setIgnoreDeclarationExceptions(true);
    return admin;
  }

  @Bean(WRAPPER_CONTAINER)
  DirectMessageListenerContainer wrapperQueueContainer(ConnectionFactory connectionFactory, CommandListener listener,
      WrapperProperties properties) {
    DirectMessageListenerContainer container = container(connectionFactory, listener, properties, "wrapper-queue-");
    container.setConsumersPerQueue(properties.workQueueConcurrency());
    container.setQueueNames(Topology.WRAPPER_QUEUE);
    return container;
  }

  /** A listener container as every queue of the wrapper needs it (also the session queues' in {@link SessionListenerPool}). */
  static DirectMessageListenerContainer container(ConnectionFactory connectionFactory,
      CommandListener listener, WrapperProperties properties, String threadPrefix) {
    DirectMessageListenerContainer container = new DirectMessageListenerContainer(connectionFactory);
    container.setMessageListener(listener);
    // The listener acks, rejects (dead-letters) or requeues each delivery itself. Should it ever
    // throw, the container requeues: nothing is lost.
    container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
    container.setDefaultRequeueRejected(true);
    container.setConsumersPerQueue(properties.listenerConcurrency());
    // One unacked message per consumer: competing instances share a queue's commands fairly.
    container.setPrefetchCount(1);
    container.setMissingQueuesFatal(false);
    container.setMonitorInterval(CONSUMER_RECOVERY.toMillis());
    container.setRecoveryInterval(CONSUMER_RECOVERY.toMillis());
    container.setTaskExecutor(new VirtualThreadTaskExecutor(threadPrefix));
    container.setPhase(CONTAINER_PHASE);
    // The listener logs every failure itself, with its context.
    container.setErrorHandler(t -> log.debug("Listener failure: {}", t.toString()));
    return container;
  }
}
