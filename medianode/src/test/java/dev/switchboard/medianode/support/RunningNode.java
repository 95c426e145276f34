package dev.switchboard.medianode.support;

import dev.switchboard.medianode.MediaNode;
import dev.switchboard.medianode.config.ConfigLoader;
import dev.switchboard.medianode.config.MediaNodeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Starts a medianode on a free port with a hand-driven clock, for one test class. */
public final class RunningNode implements AutoCloseable {
  public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  public final MediaNode node;

  public RunningNode() {
    this(Duration.ofSeconds(240));
  }

  public RunningNode(Duration gcPeriod) {
    this(MediaNodeConfig.defaults().withPort(0).withUdpPort(0).withGcPeriod(gcPeriod));
  }

  /** A node protected by {@code secret}, given as an operator would, in MEDIANODE_SECRET. */
  public static RunningNode withSecret(String secret) {
    return new RunningNode(ConfigLoader.load(new String[] {"--port", "0", "--udp-port", "0"},
        Map.of("MEDIANODE_SECRET", secret)));
  }

  private RunningNode(MediaNodeConfig config) {
    try {
      node = MediaNode.start(config, clock);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public RawKurentoClient raw() {
    return RawKurentoClient.connect(node.url());
  }

  @Override
  public void close() {
    node.close();
  }
}
