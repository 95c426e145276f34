package dev.switchboard.wrapper.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.when;

import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.testing.FakeMediaServers;
import dev.switchboard.wrapper.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Placement on the least-loaded server, and servers that are down at start or later. */
class MediaServerPoolTest {
  private final MutableClock clock = new MutableClock();

  @Test
  void picksTheServerUsingTheLeastMemory() {
    FakeMediaServers servers = new FakeMediaServers("a", "b", "c");
    servers.server("a").setUsedMemoryKib(300_000);
    servers.server("b").setUsedMemoryKib(100_000);
    servers.server("c").setUsedMemoryKib(200_000);

    try (MediaServerPool pool = servers.pool(clock)) {
      assertThat(pool.leastLoaded()).isEqualTo("b");
    }
  }

  @Test
  void aTieGoesToTheFirstConfigured() {
    FakeMediaServers servers = new FakeMediaServers("a", "b", "c");
    servers.server("a").setUsedMemoryKib(200_000);
    servers.server("b").setUsedMemoryKib(100_000);
    servers.server("c").setUsedMemoryKib(100_000);

    try (MediaServerPool pool = servers.pool(clock)) {
      assertThat(pool.leastLoaded()).isEqualTo("b");
    }
  }

  @Test
  void aServerDownAtStartIsSkippedAndRetriedLaterWithoutStoppingThePool() {
    FakeMediaServers servers = new FakeMediaServers("a", "b");
    servers.server("a").setUsedMemoryKib(10);
    servers.server("b").setUsedMemoryKib(500);
    servers.server("a").setDown(true);

    try (MediaServerPool pool = servers.pool(clock)) {
      assertThat(pool.isConnected("a")).isFalse();
      assertThat(pool.leastLoaded()).isEqualTo("b");

      servers.server("a").setDown(false);
      assertThat(pool.leastLoaded()).as("not retried before the retry interval").isEqualTo("b");
      assertThatThrownBy(() -> pool.client("a")).isInstanceOf(MediaServerUnavailableException.class);

      clock.advance(Duration.ofSeconds(11));
      assertThat(pool.leastLoaded()).isEqualTo("a");
      assertThat(pool.isConnected("a")).isTrue();
      assertThat(pool.client("a")).isSameAs(servers.server("a").client());
    }
  }

  @Test
  void aClientThatGaveUpReconnectingIsReplacedAndReportedAsANewSession() {
    FakeMediaServers servers = new FakeMediaServers("a");
    try (MediaServerPool pool = servers.pool(clock)) {
      java.util.List<String> newSessions = new java.util.concurrent.CopyOnWriteArrayList<>();
      pool.listen(new MediaServerEvents() {
        @Override
        public void disconnected(String serverId) {}

        @Override
        public void reconnected(String serverId, boolean sameServer) {
          if (!sameServer) {
            newSessions.add(serverId);
          }
        }
      });
      org.mockito.Mockito.when(servers.server("a").client().isClosed()).thenReturn(true);
      assertThat(pool.isConnected("a")).as("a closed client is not a connection").isFalse();

      clock.advance(Duration.ofSeconds(11)); // past the retry interval since the first connection
      assertThat(pool.client("a")).isSameAs(servers.server("a").client());
      assertThat(newSessions).as("the new client's session is reported like a restart").containsExactly("a");

      org.mockito.Mockito.when(servers.server("a").client().isClosed()).thenReturn(false);
      assertThat(pool.isConnected("a")).isTrue();
    }
  }

  @Test
  void aServerThatFailsToAnswerIsSkipped() {
    FakeMediaServers servers = new FakeMediaServers("a", "b");
    servers.server("a").setUsedMemoryKib(10);
    servers.server("b").setUsedMemoryKib(500);

    try (MediaServerPool pool = servers.pool(clock)) {
      servers.server("a").setDown(true);
      assertThat(pool.leastLoaded()).isEqualTo("b");
    }
  }

  @Test
  void aServerThatAnswersTooSlowlyIsSkipped() throws Exception {
    FakeMediaServers servers = new FakeMediaServers("slow", "fast");
    CountDownLatch never = new CountDownLatch(1);
    WrapperProperties defaults = servers.properties();
    WrapperProperties properties = new WrapperProperties(defaults.mediaServers(), "test", 3, Duration.ofMillis(10),
        Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(10), 1, 500,
        Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(4), 6, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2), 8);
    when(servers.server("slow").client().getServerManager().getUsedMemory()).thenAnswer(invocation -> {
      never.await();
      return 1L;
    });
    servers.server("fast").setUsedMemoryKib(999_999);

    try (MediaServerPool pool = new MediaServerPool(properties, servers.connector(), clock)) {
      pool.connectAll();
      long started = System.nanoTime();
      assertThat(pool.leastLoaded()).isEqualTo("fast");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    } finally {
      never.countDown();
    }
  }

  @Test
  void withNoServerReachableThereIsNoPlacement() {
    FakeMediaServers servers = new FakeMediaServers("a");
    servers.server("a").setDown(true);

    try (MediaServerPool pool = servers.pool(clock)) {
      assertThatThrownBy(pool::leastLoaded).isInstanceOf(MediaServerUnavailableException.class);
      assertThatThrownBy(() -> pool.client("unknown")).isInstanceOf(MediaServerUnavailableException.class)
          .hasMessageContaining("not in this wrapper's pool");
    }
  }

  @Test
  void resolvesAReferenceOnItsServer() {
    FakeMediaServers servers = new FakeMediaServers("a", "b");
    var pipeline = servers.server("b").newPipeline();

    try (MediaServerPool pool = servers.pool(clock)) {
      assertThat(pool.resolve(new KurentoRef("b", pipeline.getId()), org.kurento.client.MediaPipeline.class))
          .isSameAs(pipeline);
    }
  }
}
