package dev.switchboard.wrapper.config;

import dev.switchboard.wrapper.logging.SecretMaskingFilter;
import dev.switchboard.wrapper.media.KurentoConnector;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.media.SessionKeepingKurentoClient;
import dev.switchboard.wrapper.media.WebRtcEndpointFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kurento.client.WebRtcEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the media-server pool and the Kurento client seams; beans only. */
@Configuration(proxyBeanMethods = false)
public class MediaConfiguration {
  /**
   * The real connector: one Kurento JSON-RPC WebSocket per server, never closing its session (see
   * the client), with the medianodes' secret in the URL when one is set; kurento-client logs that
   * URL on failures, so the logs then mask it.
   */
  @Bean
  KurentoConnector kurentoConnector(MediaServerAuthProperties auth) {
    if (auth.enabled()) {
      SecretMaskingFilter.install();
    }
    return (server, listener) -> SessionKeepingKurentoClient.connect(
        auth.authenticate(java.net.URI.create(server.uri())).toString(), listener);
  }

  @Bean
  WebRtcEndpointFactory webRtcEndpointFactory() {
    return pipeline -> new WebRtcEndpoint.Builder(pipeline).build();
  }

  /**
   * The configured servers, connected while the context starts (servers that are down are retried
   * when needed); discovery adds more at runtime.
   */
  @Bean(destroyMethod = "close")
  MediaServerPool mediaServerPool(WrapperProperties properties, DiscoveryProperties discovery,
      KurentoConnector connector, Clock clock) {
    if (properties.mediaServers().isEmpty() && !discovery.enabled()) {
      throw new IllegalStateException("No media server: switchboard.wrapper.media-servers (SWITCHBOARD_MEDIA_SERVERS) "
          + "is empty and discovery is off (switchboard.wrapper.discovery.dns-name, SWITCHBOARD_MEDIA_SERVER_DNS)");
    }
    MediaServerPool pool = new MediaServerPool(properties, connector, clock);
    pool.connectAll();
    return pool;
  }

  /**
   * {@code switchboard.wrapper.media.servers.connected{server}}: 1 while connected, else 0; one
   * gauge per pool member, registered and removed as discovered servers join and leave.
   */
  @Bean
  MeterBinder mediaServerGauges(MediaServerPool pool) {
    return registry -> pool.watchMembership(new MediaServerPool.MembershipListener() {
      private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

      @Override
      public void added(String id) {
        gauges.computeIfAbsent(id, server ->
            Gauge.builder("switchboard.wrapper.media.servers.connected", pool, p -> p.isConnected(server) ? 1 : 0)
                .tag("server", server)
                .register(registry));
      }

      @Override
      public void removed(String id) {
        Gauge gauge = gauges.remove(id);
        if (gauge != null) {
          registry.remove(gauge);
        }
      }
    });
  }
}
