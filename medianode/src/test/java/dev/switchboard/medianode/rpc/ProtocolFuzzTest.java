package dev.switchboard.medianode.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.support.Fixtures;
import dev.switchboard.medianode.support.RawKurentoClient;
import dev.switchboard.medianode.support.RunningNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded, bounded fuzzing of the JSON-RPC surface over a real socket: valid Kurento requests
 * (with live object ids) are mutated byte- and token-wise and sent. The node must answer every
 * one without an unexpected-error response, keep the socket open, and leak nothing once the
 * session closes.
 */
class ProtocolFuzzTest {
  private static final long SEED = 0x5b0a_4d2eL;
  private static final int MESSAGES = 4_000;
  private static final long MAX_NANOS = 40_000_000_000L;
  private static final String[] TOKENS = {"{", "}", "[", "]", "\"", ",", ":", "null", "true", "-1", "1e999",
      "\"newref:0\"", "\"manager_ServerManager\"", "\\u0000", "\"\\ud800\"", "99999999999999999999", "{}", "[]"};

  @Test
  void mutatedRequests_neverCrashLeakOrHangTheNode() {
    try (RunningNode running = new RunningNode(); RawKurentoClient raw = running.raw()) {
      int baseline = running.node.objectCount();
      List<String> seeds = seedRequests(raw);
      SplittableRandom random = new SplittableRandom(SEED);
      long deadline = System.nanoTime() + MAX_NANOS;
      int sent = 0;
      for (; sent < MESSAGES && System.nanoTime() < deadline; sent++) {
        raw.sendText(mutate(seeds.get(random.nextInt(seeds.size())), random));
        if (sent % 200 == 199) {
          assertNoUnexpectedErrors(raw);
        }
      }
      assertNoUnexpectedErrors(raw);
      assertThat(raw.isClosedByServer()).isFalse();
      System.out.printf("protocol fuzz: %d messages, seed %x%n", sent, SEED);

      raw.call("closeSession", null);
      assertThat(running.node.objectCount()).as("objects left after closeSession").isEqualTo(baseline);
    }
  }

  /** Pings, waits for the pong and checks every response before it for an unexpected error. */
  private static void assertNoUnexpectedErrors(RawKurentoClient raw) {
    int id = raw.nextId();
    raw.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}");
    while (true) {
      JsonNode m = raw.next();
      assertThat(m.path("error").path("code").asInt(0)).as("unexpected error: %s", m).isNotEqualTo(40003);
      if (m.path("id").asInt(-1) == id && m.has("result")) {
        return;
      }
    }
  }

  private static List<String> seedRequests(RawKurentoClient raw) {
    String pipeline = raw.call("create", Json.object().put("type", "MediaPipeline")).path("result").path("value").asString();
    String endpoint = raw.call("create", (ObjectNode) Json.object().put("type", "WebRtcEndpoint")
        .set("constructorParams", Json.object().put("mediaPipeline", pipeline))).path("result").path("value").asString();
    return seedRequests(pipeline, endpoint);
  }

  /** Valid Kurento requests on the given objects, one per method and shape. Shared with {@link KurentoRpcFuzzTarget}. */
  static List<String> seedRequests(String pipeline, String endpoint) {
    String offer = Fixtures.chromiumOffer("sendrecv").replace("\r\n", "\\r\\n");
    List<String> seeds = new ArrayList<>();
    seeds.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"create\",\"params\":{\"type\":\"WebRtcEndpoint\",\"constructorParams\":{\"mediaPipeline\":\"" + pipeline + "\",\"recvonly\":true}}}");
    seeds.add("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"invoke\",\"params\":{\"object\":\"" + endpoint + "\",\"operation\":\"processOffer\",\"operationParams\":{\"offer\":\"" + offer + "\"}}}");
    seeds.add("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"invoke\",\"params\":{\"object\":\"" + endpoint + "\",\"operation\":\"connect\",\"operationParams\":{\"sink\":\"" + endpoint + "\",\"mediaType\":\"VIDEO\"}}}");
    seeds.add("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"invoke\",\"params\":{\"object\":\"" + endpoint + "\",\"operation\":\"addIceCandidate\",\"operationParams\":{\"candidate\":{\"__module__\":\"kurento\",\"__type__\":\"IceCandidate\",\"candidate\":\"candidate:1 1 udp 2122260223 192.168.1.10 46243 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}}}");
    seeds.add("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"subscribe\",\"params\":{\"object\":\"" + endpoint + "\",\"type\":\"IceCandidateFound\"}}");
    seeds.add("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"transaction\",\"params\":{\"operations\":[{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"create\",\"params\":{\"type\":\"MediaPipeline\"}},{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"create\",\"params\":{\"type\":\"WebRtcEndpoint\",\"constructorParams\":{\"mediaPipeline\":\"newref:0\"}}}]}}");
    seeds.add("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"invoke\",\"params\":{\"object\":\"manager_ServerManager\",\"operation\":\"getUsedCpu\",\"operationParams\":{\"interval\":1}}}");
    seeds.add("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"invoke\",\"params\":{\"object\":\"" + endpoint + "\",\"operation\":\"setMaxVideoRecvBandwidth\",\"operationParams\":{\"maxVideoRecvBandwidth\":300}}}");
    seeds.add("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"describe\",\"params\":{\"object\":\"" + endpoint + "\"}}");
    seeds.add("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"invoke\",\"params\":{\"object\":\"" + endpoint + "\",\"operation\":\"gatherCandidates\"}}");
    seeds.add("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"unsubscribe\",\"params\":{\"object\":\"" + endpoint + "\",\"subscription\":\"x\"}}");
    return seeds;
  }

  private static String mutate(String seed, SplittableRandom random) {
    StringBuilder s = new StringBuilder(seed);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits && !s.isEmpty(); i++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(6)) {
        case 0 -> s.setCharAt(at, (char) random.nextInt(32, 127));
        case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(40)));
        case 2 -> s.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
        case 3 -> {
          int end = Math.min(s.length(), at + 1 + random.nextInt(60));
          s.insert(at, s.substring(at, end));
        }
        case 4 -> s.setLength(at);
        default -> s.setCharAt(at, (char) random.nextInt(0x80, 0x3000));
      }
    }
    return s.toString();
  }
}
