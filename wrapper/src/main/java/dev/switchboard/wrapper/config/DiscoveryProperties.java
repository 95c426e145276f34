package dev.switchboard.wrapper.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Media-server discovery by DNS under {@code switchboard.wrapper.discovery} (documented in
 * docs/configuration.md and docs/failover.md): every address the name resolves to is a media
 * server at {@code ws://ADDRESS:port/path}. Immutable, any thread may read it.
 *
 * @param dnsName the name to resolve, typically a Kubernetes headless service
 *     ({@code medianode.switchboard.svc.cluster.local}); empty turns discovery off
 * @param port the medianodes' Kurento WebSocket port
 * @param path the medianodes' Kurento WebSocket path, without the leading slash
 * @param interval how often the name is resolved again
 */
@Validated
@ConfigurationProperties("switchboard.wrapper.discovery")
public record DiscoveryProperties(
    @DefaultValue("") String dnsName,
    @DefaultValue("8888") @Min(1) @Max(65535) int port,
    @DefaultValue("kurento") @NotNull @Pattern(regexp = "[A-Za-z0-9._~/-]*") String path,
    @DefaultValue("5s") @NotNull Duration interval) {

  public DiscoveryProperties {
    dnsName = dnsName == null ? "" : dnsName.strip();
    if (path != null && path.startsWith("/")) {
      path = path.substring(1);
    }
    if (interval != null && (interval.isNegative() || interval.toMillis() < 100)) {
      throw new IllegalArgumentException("switchboard.wrapper.discovery.interval must be at least 100ms, not " + interval);
    }
    if (!dnsName.isEmpty() && !dnsName.matches("[A-Za-z0-9.-]{1,253}")) {
      throw new IllegalArgumentException("switchboard.wrapper.discovery.dns-name '" + dnsName + "' is not a DNS name");
    }
  }

  /** Discovery off: the defaults. */
  public static DiscoveryProperties off() {
    return new DiscoveryProperties("", 8888, "kurento", Duration.ofSeconds(5));
  }

  public boolean enabled() {
    return !dnsName.isEmpty();
  }
}
