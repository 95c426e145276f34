package dev.switchboard.medianode.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.support.RawKurentoClient;
import dev.switchboard.medianode.support.RunningNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input on the JSON-RPC socket gets a JSON-RPC error with the KMS code, and afterwards the
 * same socket still works and nothing leaked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
  private RunningNode running;
  private RawKurentoClient raw;
  private String pipeline;
  private String endpoint;

  @BeforeAll
  void start() {
    running = new RunningNode();
  }

  @AfterAll
  void stop() {
    running.close();
  }

  @BeforeEach
  void connect() {
    raw = running.raw();
    pipeline = raw.call("create", Json.object().put("type", "MediaPipeline")).path("result").path("value").asString();
    endpoint = raw.call("create", (ObjectNode) Json.object().put("type", "WebRtcEndpoint")
        .set("constructorParams", Json.object().put("mediaPipeline", pipeline))).path("result").path("value").asString();
  }

  @AfterEach
  void stillHealthy() {
    int objects = running.node.objectCount();
    JsonNode pong = raw.call("ping", null);
    assertThat(pong.path("result").path("value").asString()).isEqualTo("pong");
    assertThat(raw.isClosedByServer()).isFalse();
    raw.call("release", Json.object().put("object", pipeline));
    assertThat(running.node.objectCount()).as("no object leaked").isEqualTo(objects - 2);
    raw.close();
  }

  @Test
  void malformedJson_isAParseError() {
    raw.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
    JsonNode error = raw.next();
    assertThat(error.path("error").path("code").asInt()).isEqualTo(-32700);
    assertThat(error.path("id").isNull()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[1,2,3]",
      "42",
      "{\"id\":7,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":17}",
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":[1]}",
      "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
  })
  void invalidEnvelopes_areInvalidRequests(String message) {
    raw.sendText(message);
    JsonNode error = raw.next();
    assertThat(error.path("error").path("code").asInt()).isEqualTo(-32600);
  }

  @Test
  void unknownMethod_isMethodNotFound() {
    assertThat(code(raw.call("explode", null))).isEqualTo(-32601);
  }

  @Test
  void deepNesting_isRejectedByTheParser() {
    raw.sendText("[".repeat(5_000) + "]".repeat(5_000));
    assertThat(raw.next().path("error").path("code").asInt()).isEqualTo(-32700);
  }

  @Test
  void oversizedMessage_isAnsweredAndDiscarded() {
    String huge = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(1_200_000) + "\"}}";
    raw.sendText(huge);
    JsonNode error = raw.next();
    assertThat(error.path("error").path("code").asInt()).isEqualTo(40001);
    assertThat(error.path("error").path("message").asString()).contains("exceeds the limit");
  }

  @Test
  void binaryFrames_areRefused() {
    raw.sendBinary(new byte[] {1, 2, 3});
    assertThat(raw.next().path("error").path("code").asInt()).isEqualTo(-32600);
  }

  @Test
  void unknownObjectsAndOperations_haveKmsCodes() {
    assertThat(code(invoke("nope_kurento.MediaPipeline", "getName", null))).isEqualTo(40101);
    assertThat(code(invoke(endpoint, "selfDestruct", null))).isEqualTo(40105);
    assertThat(code(raw.call("create", Json.object().put("type", "Teleporter")))).isEqualTo(40100);
    assertThat(code(raw.call("create", Json.object().put("type", "MediaElement")))).as("abstract").isEqualTo(40100);
    assertThat(code(raw.call("subscribe", Json.object().put("object", endpoint).put("type", "Teleported")))).isEqualTo(40106);
    assertThat(code(raw.call("describe", Json.object().put("object", "missing")))).isEqualTo(40101);
  }

  @Test
  void wrongParameterTypes_areMarshallErrors() {
    assertThat(code(invoke(endpoint, "processOffer", Json.object().put("offer", 123)))).isEqualTo(40001);
    assertThat(code(invoke(endpoint, "processOffer", Json.object()))).isEqualTo(40001);
    assertThat(code(invoke(endpoint, "setMaxVideoRecvBandwidth", Json.object().put("maxVideoRecvBandwidth", "fast")))).isEqualTo(40001);
    assertThat(code(invoke(endpoint, "setMaxVideoRecvBandwidth", Json.object().put("maxVideoRecvBandwidth", 1e20)))).isEqualTo(40001);
    assertThat(code(invoke(endpoint, "connect", Json.object().put("sink", endpoint).put("mediaType", "SMELL")))).isEqualTo(40001);
    assertThat(code(invoke(endpoint, "addIceCandidate", Json.object().put("candidate", "not an object")))).isEqualTo(40001);
    assertThat(code(raw.call("create", Json.object().put("type", 42)))).isEqualTo(40001);
    assertThat(code(raw.call("create", Json.object().put("type", "WebRtcEndpoint")))).isEqualTo(40001);
    assertThat(code(raw.call("create", (ObjectNode) Json.object().put("type", "WebRtcEndpoint")
        .set("constructorParams", Json.object().put("mediaPipeline", endpoint))))).isEqualTo(40107);
    assertThat(code(raw.call("invoke", Json.object().put("object", endpoint)))).isEqualTo(40001);
    assertThat(code(raw.call("ping", Json.object().put("sessionId", 5)))).isEqualTo(40001);
  }

  @Test
  void hostileSdp_isAParseErrorAndLeavesTheEndpointUsable() {
    String hugeLine = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=" + "A".repeat(200_000) + "\r\nt=0 0\r\n";
    String manySections = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n" + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n".repeat(5_000);
    String binary = "v=0\r\n\u0000\u0001\u0002\r\n";
    for (String sdp : new String[] {hugeLine, manySections, binary, "v=1\r\n", "\r\n\r\n"}) {
      assertThat(code(invoke(endpoint, "processOffer", Json.object().put("offer", sdp)))).isEqualTo(40201);
    }
    JsonNode answer = invoke(endpoint, "processOffer",
        Json.object().put("offer", dev.switchboard.medianode.support.Fixtures.chromiumOffer("sendrecv")));
    assertThat(answer.path("result").path("value").asString()).startsWith("v=0");
  }

  @Test
  void releaseOfAnUnknownObject_succeeds() {
    assertThat(raw.call("release", Json.object().put("object", "never-existed")).has("result")).isTrue();
    assertThat(raw.call("release", Json.object().put("object", "manager_ServerManager")).has("result")).isTrue();
    assertThat(code(invoke("manager_ServerManager", "getCpuCount", null))).isZero();
  }

  @Test
  void malformedTransactions_stopAtTheFirstBadOperation() {
    assertThat(code(raw.call("transaction", Json.object().put("operations", "all of them")))).isEqualTo(40008);
    ObjectNode badRef = Json.object().put("jsonrpc", "2.0").put("id", 0).put("method", "create");
    badRef.set("params", Json.object().put("type", "WebRtcEndpoint").set("constructorParams",
        Json.object().put("mediaPipeline", "newref:3")));
    ObjectNode params = Json.object();
    params.set("operations", Json.mapper().createArrayNode().add(badRef));
    JsonNode result = raw.call("transaction", params);
    assertThat(result.path("result").path("value").get(0).path("error").path("code").asInt()).isEqualTo(40109);
  }

  private JsonNode invoke(String object, String operation, ObjectNode operationParams) {
    ObjectNode params = Json.object().put("object", object).put("operation", operation);
    if (operationParams != null) {
      params.set("operationParams", operationParams);
    }
    return raw.call("invoke", params);
  }

  private static int code(JsonNode response) {
    return response.path("error").path("code").asInt(0);
  }
}
