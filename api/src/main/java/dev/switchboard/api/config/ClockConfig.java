package dev.switchboard.api.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Provides the {@link Clock} every time-dependent bean uses, so tests can replace it; the clock is thread-safe. */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {
  @Bean
  public Clock clock() {
    return Clock.systemUTC();
  }
}
