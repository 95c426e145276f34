package dev.switchboard.wrapper.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wrapper.media.WebRtcEndpointFactory;
import dev.switchboard.wrapper.session.LiveSession;
import dev.switchboard.wrapper.testing.FakeEndpoint;
import dev.switchboard.wrapper.testing.HandlerFixture;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kurento.client.WebRtcEndpoint;

/** Get-or-create under a forced race: both racers create, one stores, the other releases. */
class EndpointAllocatorTest {
  private static final HandlerFixture fixture = new HandlerFixture();

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void twoRacersEndUpWithTheSameStoredEndpointAndTheLosersIsReleased() throws Exception {
    assertRace("p1", "p1");
  }

  @Test
  void theSameHoldsForAReceiver() throws Exception {
    assertRace("p2", "p1");
  }

  @Test
  void anEndpointOfAPipelineTheSessionLeftMeanwhileIsReleasedAndNeverStored() {
    String sessionId = fixture.newSession("a");
    fixture.joins.handle(fixture.join(sessionId, "p1"));
    LiveSession stale = fixture.store.findLive(sessionId).orElseThrow();
    WebRtcEndpointFactory real = fixture.servers.endpointFactory();
    // The session is rebound to server b while the endpoint is being created on a.
    WebRtcEndpointFactory racing = pipeline -> {
      WebRtcEndpoint endpoint = real.create(pipeline);
      fixture.bindings.rebindAfterLoss(sessionId, stale.epoch(), "b",
          new dev.switchboard.wrapper.media.KurentoRef("b", fixture.servers.server("b").newPipeline().getId()),
          new dev.switchboard.wrapper.session.LossNotice(stale.epoch() + 1, "a", "b", "lost", "test",
              fixture.clock.instant(), fixture.clock.instant()));
      return endpoint;
    };
    EndpointAllocator allocator = new EndpointAllocator(fixture.store, racing, fixture.releaser, fixture.pending);

    assertThatThrownBy(() -> allocator.getOrCreate(stale, "p1", "p1")).isInstanceOf(SessionReboundException.class);

    assertThat(fixture.store.findRecord(sessionId).orElseThrow().participant("p1").orElseThrow().publisher()).isNull();
    String oldPipeline = stale.pipeline().getId();
    assertThat(fixture.servers.server("a").endpoints()).filteredOn(e -> e.id().startsWith(oldPipeline))
        .hasSize(1).allMatch(FakeEndpoint::released);
  }

  private void assertRace(String participantId, String target) throws Exception {
    String sessionId = fixture.newSession("a");
    fixture.joins.handle(fixture.join(sessionId, "p1"));
    fixture.joins.handle(fixture.join(sessionId, "p2"));
    // Both racers read the session before either stores an endpoint, and both create one.
    CyclicBarrier bothCreated = new CyclicBarrier(2);
    WebRtcEndpointFactory real = fixture.servers.endpointFactory();
    WebRtcEndpointFactory racing = pipeline -> {
      WebRtcEndpoint endpoint = real.create(pipeline);
      try {
        bothCreated.await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return endpoint;
    };
    EndpointAllocator allocator = new EndpointAllocator(fixture.store, racing, fixture.releaser, fixture.pending);
    LiveSession session = fixture.store.findLive(sessionId).orElseThrow();

    ExecutorService executor = Executors.newFixedThreadPool(2);
    Future<WebRtcEndpoint> first = executor.submit(() -> allocator.getOrCreate(session, participantId, target));
    Future<WebRtcEndpoint> second = executor.submit(() -> allocator.getOrCreate(session, participantId, target));
    WebRtcEndpoint a = first.get(20, TimeUnit.SECONDS);
    WebRtcEndpoint b = second.get(20, TimeUnit.SECONDS);
    executor.shutdown();

    String stored = fixture.store.findLive(sessionId).orElseThrow().participant(participantId).orElseThrow()
        .endpointFor(target).getId();
    assertThat(a.getId()).isEqualTo(stored);
    assertThat(b.getId()).isEqualTo(stored);
    String pipeline = fixture.store.findRecord(sessionId).orElseThrow().pipeline().id();
    List<FakeEndpoint> created = fixture.servers.server("a").endpoints().stream()
        .filter(e -> e.id().startsWith(pipeline)).toList();
    assertThat(created).hasSize(2);
    assertThat(created).filteredOn(FakeEndpoint::released).hasSize(1)
        .allSatisfy(loser -> assertThat(loser.id()).isNotEqualTo(stored));
  }
}
