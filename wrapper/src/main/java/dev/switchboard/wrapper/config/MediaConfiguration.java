package dev.switchboard.wrapper.config;

import dev.switchboard.wrapper.logging.SecretMaskingFilter;
import dev.switchboard.wrapper.media.KurentoConnector;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.media.SessionKeepingKurentoClient;
import dev.switchboard.wrapper.media.WebRtcEndpointFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
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

  /** Connected while the context starts; servers that are down are retried when needed. */
  @Bean(destroyMethod = "close")
  MediaServerPool mediaServerPool(WrapperProperties properties, KurentoConnector connector, Clock clock) {
    MediaServerPool pool = new MediaServerPool(properties, connector, clock);
    pool.connectAll();
    return pool;
  }

  /** {@code switchboard.wrapper.media.servers.connected{server}}: 1 while connected, else 0. */
  @Bean
  MeterBinder mediaServerGauges(MediaServerPool pool) {
    return registry -> pool.serverIds().forEach(id ->
        Gauge.builder("switchboard.wrapper.media.servers.connected", pool, p -> p.isConnected(id) ? 1 : 0)
            .tag("server", id)
            .register(registry));
  }
}
