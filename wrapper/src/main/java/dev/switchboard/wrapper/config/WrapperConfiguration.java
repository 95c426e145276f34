package dev.switchboard.wrapper.config;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the settings, the clock and scheduling (idle-session sweep); beans here are stateless. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WrapperProperties.class, FailoverProperties.class, MediaServerAuthProperties.class,
    SessionLimitsProperties.class, MetricsProperties.class, DiscoveryProperties.class})
@EnableScheduling
public class WrapperConfiguration {
  /** Every "now" of the wrapper comes from here, so tests can move time. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
