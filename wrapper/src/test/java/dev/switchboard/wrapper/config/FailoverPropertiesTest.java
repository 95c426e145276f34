package dev.switchboard.wrapper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Binding, defaults and validation of {@code switchboard.wrapper.failover.*}. */
class FailoverPropertiesTest {
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(FailoverProperties.class)
  static class Bound {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

  @Test
  void theBoundDefaultsAreTheDocumentedOnes() {
    runner.run(context -> assertThat(context.getBean(FailoverProperties.class)).isEqualTo(FailoverProperties.defaults()));
    assertThat(FailoverProperties.defaults().noticeRetryAfter()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void theNoticeRetryDelayBindsAndMustBePositive() {
    runner.withPropertyValues("switchboard.wrapper.failover.notice-retry-after=2s")
        .run(context -> assertThat(context.getBean(FailoverProperties.class).noticeRetryAfter())
            .isEqualTo(Duration.ofSeconds(2)));
    runner.withPropertyValues("switchboard.wrapper.failover.notice-retry-after=0s")
        .run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues("switchboard.wrapper.failover.notice-retry-after=-1s")
        .run(context -> assertThat(context).hasFailed());
  }
}
