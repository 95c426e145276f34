package dev.switchboard.wrapper.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.wrapper.config.WrapperProperties.MediaServerSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Binding and validation of {@code switchboard.wrapper.*}. */
class WrapperPropertiesTest {
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(WrapperProperties.class)
  @Import(MediaServerSpecConverter.class)
  static class Bound {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

  @Test
  void everyKeyHasADefault() {
    runner.run(context -> {
      WrapperProperties properties = context.getBean(WrapperProperties.class);
      assertThat(properties.mediaServers()).containsExactly(new MediaServerSpec("local", "ws://127.0.0.1:8888/kurento"));
      assertThat(properties.instanceId()).isNotBlank().contains("-");
      assertThat(properties.commandAttempts()).isEqualTo(3);
      assertThat(properties.idleSessionTimeout()).isEqualTo(Duration.ofMinutes(5));
      assertThat(properties.changeStreamPollInterval()).isEqualTo(Duration.ofMillis(100));
      assertThat(properties.listenerConcurrency()).isEqualTo(1);
    });
  }

  @Test
  void mediaServersBindFromTheIdEqualsUriList() {
    runner.withPropertyValues("switchboard.wrapper.media-servers=a=ws://h1:8888/kurento, b=wss://h2/kurento?x=1")
        .run(context -> assertThat(context.getBean(WrapperProperties.class).mediaServers()).containsExactly(
            new MediaServerSpec("a", "ws://h1:8888/kurento"), new MediaServerSpec("b", "wss://h2/kurento?x=1")));
  }

  @Test
  void mediaServersBindFromAListOfObjects() {
    runner.withPropertyValues("switchboard.wrapper.media-servers[0].id=x", "switchboard.wrapper.media-servers[0].uri=ws://x:1/kurento",
            "switchboard.wrapper.instance-id=w-7")
        .run(context -> {
          WrapperProperties properties = context.getBean(WrapperProperties.class);
          assertThat(properties.mediaServers()).containsExactly(new MediaServerSpec("x", "ws://x:1/kurento"));
          assertThat(properties.instanceId()).isEqualTo("w-7");
        });
  }

  @Test
  void invalidSettingsStopTheStart() {
    runner.withPropertyValues("switchboard.wrapper.media-servers=a=http://nope").run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues("switchboard.wrapper.media-servers=a=ws://h1/k,a=ws://h2/k").run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues("switchboard.wrapper.command-attempts=0").run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues("switchboard.wrapper.media-servers=no-equals-sign").run(context -> assertThat(context).hasFailed());
  }

  @Test
  void twoDefaultInstanceIdsDiffer() {
    WrapperProperties one = new WrapperProperties(java.util.List.of(new MediaServerSpec("a", "ws://a/k")), null, 3,
        Duration.ZERO, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(10), 1, 500,
        Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(4), 6, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2), 8);
    WrapperProperties two = new WrapperProperties(one.mediaServers(), "", 3, Duration.ZERO, Duration.ofMinutes(5),
        Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(10), 1, 500, Duration.ofSeconds(2),
        Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(4), 6, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2), 8);

    assertThat(one.instanceId()).isNotEqualTo(two.instanceId());
  }
}
