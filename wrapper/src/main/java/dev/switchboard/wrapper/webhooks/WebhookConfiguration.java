package dev.switchboard.wrapper.webhooks;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * Binds {@link WebhookProperties} (the emitter is a component and always present, inert without a
 * url) and, only when a url is set, the delivery side: the queues, the HTTP sender, the
 * dispatcher and its listener container. Beans only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {
  public static final String WEBHOOK_CONTAINER = "webhookContainer";

  /** The delivery side; absent when webhooks are off. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(WebhooksEnabled.class)
  static class Delivery {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    /** How often a stopped consumer is restarted (after a broker restart), as for the command queues. */
    private static final Duration CONSUMER_RECOVERY = Duration.ofSeconds(1);

    /** Declared by the admin at every (re)connection, so a new broker node gets them before any publish. */
    @Bean
    Declarables webhookTopology(WebhookProperties properties) {
      return WebhookTopology.declarables(properties.backoff());
    }

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(WebhookProperties properties, Clock clock) {
      log.info("Webhooks on: POSTing events to {} (timeout {} ms, {} attempts, backoff {}..{} ms, {} consumers)",
          properties.redactedUrl(), properties.timeout().toMillis(), properties.maxAttempts(),
          properties.initialBackoff().toMillis(), properties.maxBackoff().toMillis(), properties.consumers());
      return new WebhookSender(properties.uri(), properties.timeout(), new WebhookSigner(properties.secret()), clock);
    }

    @Bean
    WebhookDispatcher webhookDispatcher(WebhookSender sender, RabbitTemplate rabbit, WebhookProperties properties,
        WebhookMetrics metrics) {
      return new WebhookDispatcher(sender, rabbit, properties.backoff(), metrics);
    }

    @Bean(WEBHOOK_CONTAINER)
    DirectMessageListenerContainer webhookContainer(ConnectionFactory connectionFactory, WebhookDispatcher dispatcher,
        WebhookProperties properties) {
      DirectMessageListenerContainer container = new DirectMessageListenerContainer(connectionFactory);
      container.setQueueNames(WebhookTopology.QUEUE);
      container.setMessageListener(dispatcher);
      // The dispatcher acks or requeues each delivery itself; should it throw, the container requeues.
      container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
      container.setDefaultRequeueRejected(true);
      container.setConsumersPerQueue(properties.consumers());
      // One unacked event per consumer: instances share the queue, and a stopping instance holds few.
      container.setPrefetchCount(1);
      container.setMissingQueuesFatal(false);
      container.setMonitorInterval(CONSUMER_RECOVERY.toMillis());
      container.setRecoveryInterval(CONSUMER_RECOVERY.toMillis());
      container.setTaskExecutor(new VirtualThreadTaskExecutor("webhook-"));
      // A stopping instance lets the POSTs in flight finish (each is bounded by the timeout) before
      // it closes their channels; an event still unacked then is redelivered to another instance.
      container.setShutdownTimeout(properties.timeout().plusSeconds(1).toMillis());
      container.setErrorHandler(t -> log.debug("Webhook listener failure: {}", t.toString()));
      return container;
    }
  }
}
