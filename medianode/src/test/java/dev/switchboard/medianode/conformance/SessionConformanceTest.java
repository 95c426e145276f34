package dev.switchboard.medianode.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.medianode.support.Fixtures;
import dev.switchboard.medianode.support.RawKurentoClient;
import dev.switchboard.medianode.support.RunningNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.IceCandidateFoundEvent;
import org.kurento.client.KurentoClient;
import org.kurento.client.KurentoConnectionListener;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kurento sessions as KMS keeps them: reconnection with {@code connect} keeps objects and
 * subscriptions, unknown sessions get 40007, and the garbage collector releases what a session
 * that stayed away a whole period held.
 */
class SessionConformanceTest {
  private RunningNode running;

  @BeforeEach
  void start() {
    running = new RunningNode(Duration.ofSeconds(240));
  }

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void aDroppedSocket_reconnectsToTheSameSession_withSubscriptionsIntact() throws Exception {
    CountDownLatch reconnected = new CountDownLatch(1);
    List<Boolean> sameServer = new CopyOnWriteArrayList<>();
    KurentoClient kurento = KurentoClient.create(running.node.url().toString(), new KurentoConnectionListener() {
      @Override public void connected() {}
      @Override public void connectionFailed() {}
      @Override public void disconnected() {}
      @Override public void reconnected(boolean same) {
        sameServer.add(same);
        reconnected.countDown();
      }
    });
    try {
      MediaPipeline pipeline = kurento.createMediaPipeline();
      WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
      List<IceCandidateFoundEvent> found = new CopyOnWriteArrayList<>();
      endpoint.addIceCandidateFoundListener(found::add);
      endpoint.processOffer(Fixtures.chromiumOffer("sendrecv"));
      String session = kurento.getSessionId();

      running.node.closeClientConnections();

      assertThat(reconnected.await(15, TimeUnit.SECONDS)).as("client reconnected").isTrue();
      assertThat(sameServer).containsExactly(true);
      assertThat(kurento.getSessionId()).isEqualTo(session);
      endpoint.gatherCandidates();
      await(() -> !found.isEmpty());
      assertThat(endpoint.getMediaPipeline().getId()).isEqualTo(pipeline.getId());
    } finally {
      kurento.destroy();
    }
  }

  @Test
  void connect_withAnUnknownSession_isInvalidSession_andWithoutParams_startsOne() {
    try (RawKurentoClient raw = running.raw()) {
      JsonNode refused = raw.call("connect", Json.object().put("sessionId", "no-such-session"));
      assertThat(refused.path("error").path("code").asInt()).isEqualTo(40007);
      assertThat(refused.path("error").path("data").path("type").asString()).isEqualTo("INVALID_SESSION");

      JsonNode fresh = raw.call("connect", null);
      assertThat(fresh.path("result").path("sessionId").asString()).isNotBlank();
      assertThat(fresh.path("result").path("serverId").asString()).isNotBlank();
    }
  }

  @Test
  void aSessionBackWithinTheGcPeriod_findsItsObjects() {
    String session;
    String pipeline;
    try (RawKurentoClient raw = running.raw()) {
      JsonNode created = raw.call("create", Json.object().put("type", "MediaPipeline"));
      session = created.path("result").path("sessionId").asString();
      pipeline = created.path("result").path("value").asString();
      raw.abort();
    }
    await(() -> running.node.attachedSessionCount() == 0);
    running.clock.advance(Duration.ofSeconds(200));
    assertThat(running.node.collectGarbage()).isZero();

    try (RawKurentoClient raw = running.raw()) {
      JsonNode connected = raw.call("connect", Json.object().put("sessionId", session));
      assertThat(connected.path("result").path("sessionId").asString()).isEqualTo(session);
      JsonNode name = raw.call("invoke", Json.object().put("object", pipeline).put("operation", "getName"));
      assertThat(name.path("result").path("value").asString()).isEqualTo(pipeline);
    }
  }

  @Test
  void aSessionGoneForAWholeGcPeriod_isDropped_withTheObjectsOnlyItHeld() {
    int baseline = running.node.objectCount();
    String session;
    try (RawKurentoClient raw = running.raw()) {
      JsonNode created = raw.call("create", Json.object().put("type", "MediaPipeline"));
      session = created.path("result").path("sessionId").asString();
      String pipeline = created.path("result").path("value").asString();
      ObjectNode ctor = Json.object().put("mediaPipeline", pipeline);
      raw.call("create", (ObjectNode) Json.object().put("type", "WebRtcEndpoint").set("constructorParams", ctor));
      raw.abort();
    }
    await(() -> running.node.attachedSessionCount() == 0);
    assertThat(running.node.objectCount()).isEqualTo(baseline + 2);

    running.clock.advance(Duration.ofSeconds(240));
    assertThat(running.node.collectGarbage()).isEqualTo(1);

    assertThat(running.node.objectCount()).isEqualTo(baseline);
    try (RawKurentoClient raw = running.raw()) {
      JsonNode refused = raw.call("connect", Json.object().put("sessionId", session));
      assertThat(refused.path("error").path("code").asInt()).isEqualTo(40007);
    }
  }

  @Test
  void anObjectHeldByAnotherLiveSession_survivesTheCollection() {
    int baseline = running.node.objectCount();
    try (RawKurentoClient keeper = running.raw()) {
      String pipeline;
      try (RawKurentoClient leaver = running.raw()) {
        pipeline = leaver.call("create", Json.object().put("type", "MediaPipeline")).path("result").path("value").asString();
        keeper.call("invoke", Json.object().put("object", pipeline).put("operation", "getName"));
        leaver.abort();
      }
      await(() -> running.node.attachedSessionCount() == 1);
      running.clock.advance(Duration.ofSeconds(300));
      assertThat(running.node.collectGarbage()).isEqualTo(1);
      assertThat(running.node.objectCount()).isEqualTo(baseline + 1);
      JsonNode name = keeper.call("invoke", Json.object().put("object", pipeline).put("operation", "getName"));
      assertThat(name.path("result").path("value").asString()).isEqualTo(pipeline);
    }
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
