package dev.switchboard.wrapper.testing;

import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.config.WrapperProperties.MediaServerSpec;
import dev.switchboard.wrapper.media.KurentoConnector;
import dev.switchboard.wrapper.media.MediaServerPool;
import dev.switchboard.wrapper.media.WebRtcEndpointFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kurento.commons.exception.KurentoException;

/** A pool's worth of {@link FakeMediaServer}s and the seams that plug them into the wrapper. */
public final class FakeMediaServers {
  private final Map<String, FakeMediaServer> servers = new LinkedHashMap<>();

  public FakeMediaServers(String... ids) {
    for (String id : ids) {
      servers.put(id, new FakeMediaServer(id));
    }
  }

  public FakeMediaServer server(String id) {
    return servers.get(id);
  }

  public List<MediaServerSpec> specs() {
    return servers.keySet().stream().map(id -> new MediaServerSpec(id, "ws://" + id + ".invalid:8888/kurento")).toList();
  }

  /** "id=uri,..." for the {@code switchboard.wrapper.media-servers} property. */
  public String property() {
    return String.join(",", specs().stream().map(s -> s.id() + "=" + s.uri()).toList());
  }

  /** Connects to the fake of that id; a server set down refuses, as a real one would. */
  public KurentoConnector connector() {
    return (spec, listener) -> {
      FakeMediaServer server = servers.get(spec.id());
      if (server == null || server.isDown()) {
        throw new KurentoException("Exception connecting to KMS (fake " + spec.id() + " is down)");
      }
      listener.connected();
      return server.client();
    };
  }

  public WebRtcEndpointFactory endpointFactory() {
    return pipeline -> servers.values().stream().filter(server -> server.owns(pipeline)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown pipeline " + pipeline.getId()))
        .newEndpoint(pipeline).proxy();
  }

  /** The endpoint of that id on whichever fake holds it. */
  public FakeEndpoint endpoint(String endpointId) {
    return servers.values().stream().map(server -> server.endpoint(endpointId)).filter(e -> e != null).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown endpoint " + endpointId));
  }

  public MediaServerPool pool(Clock clock) {
    MediaServerPool pool = new MediaServerPool(properties(), connector(), clock);
    pool.connectAll();
    return pool;
  }

  public WrapperProperties properties() {
    return properties("test");
  }

  /** Test settings: short intervals, this instance id. */
  public WrapperProperties properties(String instanceId) {
    return new WrapperProperties(specs(), instanceId, 3, Duration.ofMillis(10), Duration.ofMinutes(5),
        Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(10), 2, 500, Duration.ofSeconds(2),
        Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(4), 6, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2), 8);
  }
}
