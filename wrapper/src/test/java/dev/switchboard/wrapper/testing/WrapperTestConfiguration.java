package dev.switchboard.wrapper.testing;

import dev.switchboard.wrapper.media.KurentoConnector;
import dev.switchboard.wrapper.media.WebRtcEndpointFactory;
import dev.switchboard.wrapper.messaging.MessagingConfiguration;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Puts the fake media servers into a wrapper started by a test, and keeps it off the shared
 * {@code wrapper} queue: the api's tests use the same broker at the same time and read that
 * queue, so a test wrapper must not take their commands.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WrapperTestConfiguration {
  /** Shared by every wrapper instance of the test JVM, as real media servers would be. */
  public static final FakeMediaServers SERVERS = new FakeMediaServers("ms1", "ms2");

  @Bean
  FakeMediaServers fakeMediaServers() {
    return SERVERS;
  }

  @Bean
  @Primary
  KurentoConnector fakeKurentoConnector() {
    return SERVERS.connector();
  }

  @Bean
  @Primary
  WebRtcEndpointFactory fakeWebRtcEndpointFactory() {
    return SERVERS.endpointFactory();
  }

  @Bean
  static BeanPostProcessor leaveTheWrapperQueueAlone() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (MessagingConfiguration.WRAPPER_CONTAINER.equals(beanName)) {
          ((AbstractMessageListenerContainer) bean).setAutoStartup(false);
        }
        return bean;
      }
    };
  }
}
