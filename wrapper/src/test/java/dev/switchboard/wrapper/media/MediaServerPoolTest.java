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

  @Test
  void membersJoinAndLeaveAtRuntimeAndListenersSeeEachChangeOnce() {
    FakeMediaServers servers = new FakeMediaServers("a", "b");
    WrapperProperties onlyA = new WrapperProperties(java.util.List.of(servers.specs().getFirst()), "t", 3,
        Duration.ofMillis(10), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(10),
        1, 500, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(4), 6,
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2), 8);
    try (MediaServerPool pool = new MediaServerPool(onlyA, servers.connector(), clock)) {
      java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      pool.watchMembership(new MediaServerPool.MembershipListener() {
        @Override
        public void added(String serverId) {
          seen.add("+" + serverId);
        }

        @Override
        public void removed(String serverId) {
          seen.add("-" + serverId);
        }
      });
      assertThat(seen).as("current members replayed").containsExactly("+a");

      assertThat(pool.add(servers.specs().get(1), false)).isTrue();
      assertThat(pool.add(servers.specs().get(1), true)).as("already a member").isFalse();
      assertThat(pool.serverIds()).containsExactly("a", "b");
      assertThat(pool.placeable("b")).isFalse();
      pool.setPlaceable("b", true);
      assertThat(pool.placeable("b")).isTrue();
      assertThat(pool.client("b")).isSameAs(servers.server("b").client());

      assertThat(pool.remove("b")).isTrue();
      assertThat(pool.remove("b")).isFalse();
      assertThat(pool.serverIds()).containsExactly("a");
      assertThat(pool.placeable("b")).isFalse();
      assertThatThrownBy(() -> pool.client("b")).isInstanceOf(MediaServerUnavailableException.class);
      assertThat(seen).containsExactly("+a", "+b", "-b");
      org.mockito.Mockito.verify(servers.server("b").client()).destroy();
    }
  }

  @Test
  void anUnknownIdIsLookedUpAndJoinsUnplaceable() {
    FakeMediaServers servers = new FakeMediaServers("a", "dns-10.0.0.1");
    WrapperProperties onlyA = new WrapperProperties(java.util.List.of(servers.specs().getFirst()), "t", 3,
        Duration.ofMillis(10), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(10),
        1, 500, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(4), 6,
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2), 8);
    try (MediaServerPool pool = new MediaServerPool(onlyA, servers.connector(), clock)) {
      pool.resolveUnknownIdsWith(id -> servers.specs().stream().filter(s -> s.id().equals(id)).findFirst());

      assertThat(pool.client("dns-10.0.0.1")).isSameAs(servers.server("dns-10.0.0.1").client());
      assertThat(pool.serverIds()).containsExactly("a", "dns-10.0.0.1");
      assertThat(pool.placeable("dns-10.0.0.1")).isFalse();
      assertThatThrownBy(() -> pool.client("nowhere")).isInstanceOf(MediaServerUnavailableException.class);
    }
  }
}
