package dev.switchboard.wrapper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Binding and validation of {@code switchboard.wrapper.discovery.*}, and an empty static pool next to it. */
class DiscoveryPropertiesTest {
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({WrapperProperties.class, DiscoveryProperties.class})
  @Import(MediaServerSpecConverter.class)
  static class Bound {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

  @Test
  void offByDefaultWithDocumentedDefaults() {
    runner.run(context -> {
      DiscoveryProperties discovery = context.getBean(DiscoveryProperties.class);
      assertThat(discovery.enabled()).isFalse();
      assertThat(discovery).isEqualTo(DiscoveryProperties.off());
      assertThat(discovery.port()).isEqualTo(8888);
      assertThat(discovery.path()).isEqualTo("kurento");
      assertThat(discovery.interval()).isEqualTo(Duration.ofSeconds(5));
    });
  }

  @Test
  void aNameTurnsItOnAndTheStaticPoolMayBeEmpty() {
    runner.withPropertyValues("switchboard.wrapper.discovery.dns-name=medianode.sb.svc.cluster.local",
            "switchboard.wrapper.discovery.port=9000", "switchboard.wrapper.discovery.path=/kms",
            "switchboard.wrapper.discovery.interval=2s", "switchboard.wrapper.media-servers=")
        .run(context -> {
          DiscoveryProperties discovery = context.getBean(DiscoveryProperties.class);
          assertThat(discovery.enabled()).isTrue();
          assertThat(discovery.dnsName()).isEqualTo("medianode.sb.svc.cluster.local");
          assertThat(discovery.port()).isEqualTo(9000);
          assertThat(discovery.path()).isEqualTo("kms");
          assertThat(discovery.interval()).isEqualTo(Duration.ofSeconds(2));
          assertThat(context.getBean(WrapperProperties.class).mediaServers()).isEmpty();
        });
  }

  @Test
  void invalidSettingsStopTheStart() {
    runner.withPropertyValues("switchboard.wrapper.discovery.dns-name=not a name").run(c -> assertThat(c).hasFailed());
    runner.withPropertyValues("switchboard.wrapper.discovery.port=0").run(c -> assertThat(c).hasFailed());
    runner.withPropertyValues("switchboard.wrapper.discovery.interval=10ms").run(c -> assertThat(c).hasFailed());
    runner.withPropertyValues("switchboard.wrapper.discovery.path=a b").run(c -> assertThat(c).hasFailed());
  }
}
