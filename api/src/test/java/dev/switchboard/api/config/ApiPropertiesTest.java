package dev.switchboard.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The settings bind with their documented defaults and refuse invalid values at start-up. */
class ApiPropertiesTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Bind.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ApiProperties.class)
  static class Bind {}

  @Test
  void defaults() {
    runner.withPropertyValues("switchboard.api.token-secret=" + "s".repeat(32), "switchboard.api.application-key=" + "k".repeat(32)).run(context -> {
      ApiProperties properties = context.getBean(ApiProperties.class);
      assertThat(properties.maxPollWait()).isEqualTo(Duration.ofSeconds(30));
      assertThat(properties.maxMessagesPerPoll()).isEqualTo(100);
      assertThat(properties.maxBodyBytes()).isEqualTo(262144);
      assertThat(properties.maxSdpBytes()).isEqualTo(65536);
      assertThat(properties.pollLease()).isEqualTo(Duration.ofSeconds(5));
      assertThat(properties.pollLeaseRenewal()).isEqualTo(Duration.ofMillis(2500));
      assertThat(properties.confirmTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(properties.tokenTtl()).isEqualTo(Duration.ofMinutes(15));
      assertThat(properties.tokenClockSkew()).isEqualTo(Duration.ofSeconds(30));
      assertThat(properties.toString()).doesNotContain("s".repeat(32), "k".repeat(32));
    });
  }

  @Test
  void aMissingOrShortSecretStopsTheStartUp() {
    // Empty values: the test JVM has the api's test secrets as system properties (api/pom.xml).
    runner.withPropertyValues("switchboard.api.token-secret=", "switchboard.api.application-key=" + "k".repeat(32))
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("SWITCHBOARD_API_TOKEN_SECRET");
        });
    runner.withPropertyValues("switchboard.api.token-secret=too-short", "switchboard.api.application-key=" + "k".repeat(32))
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("at least 32 characters");
        });
    runner.withPropertyValues("switchboard.api.token-secret=" + "s".repeat(32), "switchboard.api.application-key=")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("SWITCHBOARD_API_APPLICATION_KEY");
        });
  }

  @Test
  void tokenLifetimesOutsideTenSecondsToADayStopTheStartUp() {
    runner.withPropertyValues("switchboard.api.token-secret=" + "s".repeat(32), "switchboard.api.application-key=" + "k".repeat(32),
        "switchboard.api.token-ttl=9s").run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues("switchboard.api.token-secret=" + "s".repeat(32), "switchboard.api.application-key=" + "k".repeat(32),
        "switchboard.api.token-ttl=25h").run(context -> assertThat(context).hasFailed());
  }

  @Test
  void inconsistentLimitsStopTheStartUp() {
    runner.withPropertyValues("switchboard.api.token-secret=" + "s".repeat(32), "switchboard.api.application-key=" + "k".repeat(32), "switchboard.api.max-body-bytes=4096",
        "switchboard.api.max-sdp-bytes=8192").run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues("switchboard.api.token-secret=" + "s".repeat(32), "switchboard.api.application-key=" + "k".repeat(32), "switchboard.api.max-messages-per-poll=0")
        .run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues("switchboard.api.token-secret=" + "s".repeat(32), "switchboard.api.application-key=" + "k".repeat(32), "switchboard.api.max-poll-wait=-1s")
        .run(context -> assertThat(context).hasFailed());
  }
}
