package dev.switchboard.medianode.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.medianode.MediaNode;
import dev.switchboard.medianode.control.Connection;
import dev.switchboard.medianode.support.RunningNode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Coverage-guided (Jazzer) fuzz target for the Kurento JSON-RPC path a websocket text message
 * takes up to its answer ({@link MediaNode#handleText}, the real dispatcher and methods, no
 * socket): every message gets a JSON-RPC 2.0 answer or none (a notification) within the hang
 * limit, and never an unexpected-error (40003) answer. The tokens {@value #PIPELINE} and
 * {@value #ENDPOINT} in an input stand for a live MediaPipeline and WebRtcEndpoint, so the fuzzer
 * reaches past "object not found". Each input runs on its own connection, whose session is closed
 * afterwards; single-threaded (Jazzer's thread), the node's model stays on its control thread.
 */
class KurentoRpcFuzzTarget {

  static final String PIPELINE = "@pipeline@";
  static final String ENDPOINT = "@endpoint@";
  private static final long ANSWER_SECONDS = 5;
  private static final AtomicInteger CONNECTIONS = new AtomicInteger();

  private static RunningNode running;
  private static FakeConnection fixtureConnection;
  private static String pipeline = "";
  private static String endpoint = "";

  @BeforeAll
  static void startNode() {
    running = new RunningNode();
    fixtureConnection = new FakeConnection();
  }

  @AfterAll
  static void stopNode() {
    if (running != null) {
      running.close();
    }
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "15s")
  void textMessage(byte[] input) {
    ensureFixtures();
    String text = new String(input, StandardCharsets.UTF_8).replace(PIPELINE, pipeline).replace(ENDPOINT, endpoint);
    FakeConnection connection = new FakeConnection();
    String response = answer(connection, text);
    if (response != null) {
      JsonNode m = Json.mapper().readTree(response);
      assertThat(m.path("jsonrpc").asString("")).as("answer %s", response).isEqualTo("2.0");
      assertThat(m.has("result") ^ m.has("error")).as("result xor error in %s", response).isTrue();
      assertThat(m.path("error").path("code").asInt(0)).as("unexpected error: %s", response)
          .isNotEqualTo(KurentoError.UNEXPECTED_ERROR.code());
    }
    // Objects this input created are released with its session, so memory stays flat.
    answer(connection, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"closeSession\"}");
  }

  /** The fixture objects, created again when an input released them or closed their session. */
  private static void ensureFixtures() {
    String described = answer(fixtureConnection,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"describe\",\"params\":{\"object\":\"" + endpoint + "\"}}");
    if (Json.mapper().readTree(described).has("result")) {
      return;
    }
    fixtureConnection = new FakeConnection();
    pipeline = value(answer(fixtureConnection,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"create\",\"params\":{\"type\":\"MediaPipeline\"}}"));
    endpoint = value(answer(fixtureConnection, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"create\",\"params\":"
        + "{\"type\":\"WebRtcEndpoint\",\"constructorParams\":{\"mediaPipeline\":\"" + pipeline + "\"}}}"));
  }

  private static String value(String response) {
    String id = Json.mapper().readTree(response).path("result").path("value").asString("");
    assertThat(id).as("fixture created: %s", response).isNotEmpty();
    return id;
  }

  /** The answer text, waiting at most the hang limit (Jazzer's own per-input timeout is a backstop). */
  private static String answer(Connection connection, String text) {
    try {
      return running.node.handleText(connection, text).toCompletableFuture().get(ANSWER_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within " + ANSWER_SECONDS + " s to: " + text, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("the dispatcher failed instead of answering: " + text, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Stream<Arguments> seeds() {
    return ProtocolFuzzTest.seedRequests(PIPELINE, ENDPOINT).stream()
        .map(s -> Arguments.of((Object) s.getBytes(StandardCharsets.UTF_8)));
  }

  /** A socket that is always open and drops what it is sent (events of the fuzzed sessions). */
  private static final class FakeConnection implements Connection {
    private final String id = "fuzz-" + CONNECTIONS.incrementAndGet();

    @Override
    public String id() {
      return id;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void send(String text) {
      // Events are not checked here; answers come back through handleText.
    }

    @Override
    public void close() {
      // Nothing to close.
    }
  }
}
