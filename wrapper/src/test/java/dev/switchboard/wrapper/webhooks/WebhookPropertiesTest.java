package dev.switchboard.wrapper.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Binding and validation of {@code switchboard.wrapper.webhooks.*}. */
class WebhookPropertiesTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(WebhookProperties.class)
  static class Bound {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

  @Test
  void offByDefaultWithEveryOtherKeyDefaulted() {
    runner.run(context -> {
      WebhookProperties properties = context.getBean(WebhookProperties.class);
      assertThat(properties.enabled()).isFalse();
      assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(properties.maxAttempts()).isEqualTo(8);
      assertThat(properties.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
      assertThat(properties.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
      assertThat(properties.consumers()).isEqualTo(2);
    });
    runner.withPropertyValues("switchboard.wrapper.webhooks.url=", "switchboard.wrapper.webhooks.secret=")
        .run(context -> assertThat(context.getBean(WebhookProperties.class).enabled()).isFalse());
  }

  @Test
  void aUrlNeedsALongEnoughSecret() {
    runner.withPropertyValues("switchboard.wrapper.webhooks.url=https://app.example.com/hooks")
        .run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues("switchboard.wrapper.webhooks.url=https://app.example.com/hooks",
            "switchboard.wrapper.webhooks.secret=" + SECRET.substring(1))
        .run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues("switchboard.wrapper.webhooks.url=https://app.example.com/hooks",
            "switchboard.wrapper.webhooks.secret=" + SECRET)
        .run(context -> assertThat(context.getBean(WebhookProperties.class).enabled()).isTrue());
  }

  @Test
  void badValuesStopTheStart() {
    String[] valid = {"switchboard.wrapper.webhooks.url=http://127.0.0.1:9/hooks", "switchboard.wrapper.webhooks.secret=" + SECRET};
    runner.withPropertyValues(valid).withPropertyValues("switchboard.wrapper.webhooks.url=ftp://host/x")
        .run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues(valid).withPropertyValues("switchboard.wrapper.webhooks.url=not a url")
        .run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues(valid).withPropertyValues("switchboard.wrapper.webhooks.max-attempts=0")
        .run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues(valid).withPropertyValues("switchboard.wrapper.webhooks.timeout=0s")
        .run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues(valid).withPropertyValues("switchboard.wrapper.webhooks.initial-backoff=10m")
        .run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues(valid).run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void neverShowsTheSecretOrTheUrlsCredentials() {
    WebhookProperties properties = new WebhookProperties("https://user:pw@app.example.com:8443/hooks?token=t0k3n",
        SECRET, Duration.ofSeconds(5), 8, Duration.ofSeconds(1), Duration.ofMinutes(5), 2);
    assertThat(properties.toString()).doesNotContain(SECRET).doesNotContain("pw").doesNotContain("t0k3n")
        .contains("https://app.example.com:8443/hooks");
  }
}
