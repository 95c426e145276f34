package dev.switchboard.api.bus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sets up Spring Boot's connection factory and RabbitTemplate for confirmed, mandatory
 * publishing; configuration only. These are set in code, not configuration, because
 * {@link CommandPublisher}'s guarantees depend on them (a 2xx means "in the queue", a vanished
 * session gives 404): no configuration, and no other module's application.yaml on a shared
 * classpath, can turn them off.
 */
@Configuration(proxyBeanMethods = false)
public class RabbitTemplateConfig {
  private static final Logger log = LoggerFactory.getLogger(RabbitTemplateConfig.class);

  /** Correlated publisher confirms and returns on every channel, before the first connection opens. */
  @Bean
  public static BeanPostProcessor confirmedPublishing() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof CachingConnectionFactory factory) {
          factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
          factory.setPublisherReturns(true);
        }
        return bean;
      }
    };
  }

  /**
   * Mandatory publishing, so that a command to a queue that no longer exists comes back instead
   * of vanishing. Returned commands are handled through their CorrelationData; the callback only
   * keeps the template from warning that nobody listens for returns.
   */
  @Bean
  public RabbitTemplateCustomizer mandatoryPublishing() {
    return template -> {
      template.setMandatory(true);
      template.setReturnsCallback(returned -> log.debug("Command returned by RabbitMQ: {} {} (to '{}')",
          returned.getReplyCode(), returned.getReplyText(), returned.getRoutingKey()));
    };
  }
}
