package dev.switchboard.api.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the api's clock in tests with a {@link TestClock}: the system clock, movable by tests. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfig {
  @Bean
  @Primary
  public TestClock testClock() {
    return new TestClock();
  }
}
