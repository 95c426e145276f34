package dev.switchboard.medianode.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.medianode.support.Fixtures;
import dev.switchboard.medianode.support.RawKurentoClient;
import org.junit.jupiter.api.Test;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Subscriptions and the exact {@code onEvent} shape kurento-client parses. */
class EventConformanceTest extends KurentoClientTestBase {

  @Test
  void everyListenerOfTheHelloWorldTutorial_canBeAdded() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
    endpoint.addErrorListener(e -> {});
    endpoint.addMediaFlowInStateChangedListener(e -> {});
    endpoint.addMediaFlowOutStateChangedListener(e -> {});
    endpoint.addConnectionStateChangedListener(e -> {});
    endpoint.addMediaStateChangedListener(e -> {});
    endpoint.addMediaTranscodingStateChangedListener(e -> {});
    endpoint.addIceCandidateFoundListener(e -> {});
    endpoint.addIceComponentStateChangedListener(e -> {});
    endpoint.addIceGatheringDoneListener(e -> {});
    endpoint.addNewCandidatePairSelectedListener(e -> {});
    endpoint.addDtlsConnectionStateChangeListener(e -> {});
    endpoint.addElementConnectedListener(e -> {});
    endpoint.addElementDisconnectedListener(e -> {});
    endpoint.addMediaSessionStartedListener(e -> {});
    endpoint.addMediaSessionTerminatedListener(e -> {});
    endpoint.addDataChannelOpenedListener(e -> {});
    endpoint.addDataChannelClosedListener(e -> {});
    pipeline.addErrorListener(e -> {});
    kurento.getServerManager().addObjectCreatedListener(e -> {});
    kurento.getServerManager().addObjectDestroyedListener(e -> {});
    pipeline.release();
  }

  @Test
  void onEvent_carriesValueObjectTypeAndData_likeKms() {
    try (RawKurentoClient raw = running.raw()) {
      String pipeline = raw.call("create", Json.object().put("type", "MediaPipeline")).path("result").path("value").asString();
      String endpoint = raw.call("create", (ObjectNode) Json.object().put("type", "WebRtcEndpoint")
          .set("constructorParams", Json.object().put("mediaPipeline", pipeline))).path("result").path("value").asString();
      JsonNode sub = raw.call("subscribe", Json.object().put("object", endpoint).put("type", "IceCandidateFound"));
      assertThat(sub.path("result").path("value").asString()).isNotBlank();
      raw.call("invoke", (ObjectNode) Json.object().put("object", endpoint).put("operation", "processOffer")
          .set("operationParams", Json.object().put("offer", Fixtures.chromiumOffer("sendrecv"))));
      raw.call("invoke", Json.object().put("object", endpoint).put("operation", "gatherCandidates"));

      JsonNode event = raw.awaitMatching(m -> "onEvent".equals(m.path("method").asString(null)));

      assertThat(event.has("id")).isFalse();
      JsonNode value = event.path("params").path("value");
      assertThat(value.path("object").asString()).isEqualTo(endpoint);
      assertThat(value.path("type").asString()).isEqualTo("IceCandidateFound");
      JsonNode data = value.path("data");
      assertThat(data.path("source").asString()).isEqualTo(endpoint);
      assertThat(data.path("type").asString()).isEqualTo("IceCandidateFound");
      assertThat(data.path("timestampMillis").isString()).isTrue();
      assertThat(data.path("tags").isArray()).isTrue();
      assertThat(data.path("candidate").path("__module__").asString()).isEqualTo("kurento");
      assertThat(data.path("candidate").path("__type__").asString()).isEqualTo("IceCandidate");
      assertThat(data.path("candidate").path("sdpMLineIndex").isInt()).isTrue();
    }
  }

  @Test
  void gatheringEvents_goOutInKmsOrder() {
    try (RawKurentoClient raw = running.raw()) {
      String pipeline = raw.call("create", Json.object().put("type", "MediaPipeline")).path("result").path("value").asString();
      String endpoint = raw.call("create", (ObjectNode) Json.object().put("type", "WebRtcEndpoint")
          .set("constructorParams", Json.object().put("mediaPipeline", pipeline))).path("result").path("value").asString();
      for (String type : new String[] {"IceCandidateFound", "IceGatheringDone", "IceComponentStateChanged"}) {
        raw.call("subscribe", Json.object().put("object", endpoint).put("type", type));
      }
      String answer = raw.call("invoke", (ObjectNode) Json.object().put("object", endpoint).put("operation", "processOffer")
          .set("operationParams", Json.object().put("offer", Fixtures.chromiumOffer("sendrecv"))))
          .path("result").path("value").asString();
      raw.call("invoke", Json.object().put("object", endpoint).put("operation", "gatherCandidates"));

      java.util.List<String> types = new java.util.ArrayList<>();
      while (types.isEmpty() || !types.getLast().equals("IceGatheringDone")) {
        types.add(raw.awaitMatching(m -> "onEvent".equals(m.path("method").asString(null)))
            .path("params").path("value").path("type").asString());
      }
      long candidates = answer.lines().filter(l -> l.startsWith("a=candidate:")).count();
      assertThat(types.getFirst()).isEqualTo("IceComponentStateChanged");
      assertThat(types.subList(1, types.size() - 1)).hasSize((int) candidates).containsOnly("IceCandidateFound");
    }
  }

  @Test
  void severalSubscriptionsOfOneSession_yieldOneEventEach() {
    try (RawKurentoClient raw = running.raw()) {
      String pipeline = raw.call("create", Json.object().put("type", "MediaPipeline")).path("result").path("value").asString();
      String endpoint = raw.call("create", (ObjectNode) Json.object().put("type", "WebRtcEndpoint")
          .set("constructorParams", Json.object().put("mediaPipeline", pipeline))).path("result").path("value").asString();
      raw.call("subscribe", Json.object().put("object", endpoint).put("type", "IceGatheringDone"));
      raw.call("subscribe", Json.object().put("object", endpoint).put("type", "IceGatheringDone"));
      raw.call("invoke", (ObjectNode) Json.object().put("object", endpoint).put("operation", "processOffer")
          .set("operationParams", Json.object().put("offer", Fixtures.chromiumOffer("recvonly"))));
      raw.call("invoke", Json.object().put("object", endpoint).put("operation", "gatherCandidates"));
      raw.awaitMatching(m -> "IceGatheringDone".equals(m.path("params").path("value").path("type").asString(null)));
      // Everything emitted before this ping's answer is already queued: a second event would be seen now.
      raw.call("ping", null);
      assertThat(drainTypes(raw)).doesNotContain("IceGatheringDone");
    }
  }

  @Test
  void subscribingToAnUndeclaredEvent_isRefused() {
    try (RawKurentoClient raw = running.raw()) {
      String pipeline = raw.call("create", Json.object().put("type", "MediaPipeline")).path("result").path("value").asString();
      JsonNode refused = raw.call("subscribe", Json.object().put("object", pipeline).put("type", "IceCandidateFound"));
      assertThat(refused.path("error").path("code").asInt()).isEqualTo(40106);
      JsonNode ok = raw.call("subscribe", Json.object().put("object", pipeline).put("type", "Error"));
      assertThat(ok.path("result").path("value").asString()).isNotBlank();
    }
  }

  private static java.util.List<String> drainTypes(RawKurentoClient raw) {
    java.util.List<String> types = new java.util.ArrayList<>();
    try {
      while (true) {
        JsonNode m = raw.awaitMatchingWithin(m2 -> true, 200);
        if (m == null) {
          return types;
        }
        types.add(m.path("params").path("value").path("type").asString(""));
      }
    } catch (AssertionError e) {
      return types;
    }
  }
}
