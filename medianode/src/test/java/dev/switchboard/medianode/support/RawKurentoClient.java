package dev.switchboard.medianode.support;

import dev.switchboard.medianode.rpc.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bare JSON-RPC WebSocket client for the protocol tests: sends exactly the bytes a test wants
 * (including garbage) and records every message the server sends. Thread-safe.
 */
public final class RawKurentoClient implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final WebSocket socket;
  private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();

  private RawKurentoClient(URI uri) {
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(TIMEOUT)
        .buildAsync(uri, new Listener())
        .join();
  }

  public static RawKurentoClient connect(URI uri) {
    return new RawKurentoClient(uri);
  }

  /** Sends a request with the next id and waits for the response carrying it. */
  public JsonNode call(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    ObjectNode request = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
    if (params != null) {
      request.set("params", params);
    }
    sendText(request.toString());
    return awaitResponse(id);
  }

  public void sendText(String text) {
    socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
  }

  public void sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
  }

  /** The next response with this id; notifications seen meanwhile stay queued. */
  public JsonNode awaitResponse(int id) {
    return awaitMatching(m -> m.has("id") && m.path("id").asInt(-1) == id && !m.path("id").isNull());
  }

  /** The next message (response or notification). */
  public JsonNode next() {
    try {
      JsonNode m = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (m == null) {
        throw new AssertionError("No message from the server within " + TIMEOUT);
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public JsonNode awaitMatching(java.util.function.Predicate<JsonNode> match) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    java.util.List<JsonNode> skipped = new java.util.ArrayList<>();
    try {
      while (System.nanoTime() < deadline) {
        JsonNode m = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (m == null) {
          break;
        }
        if (match.test(m)) {
          return m;
        }
        skipped.add(m);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // Keep what we skipped for later assertions, in order.
      java.util.List<JsonNode> rest = new java.util.ArrayList<>(skipped);
      messages.drainTo(rest);
      messages.addAll(rest);
    }
    throw new AssertionError("No matching message within " + TIMEOUT);
  }

  /** The next message matching within {@code millis}, or null; unmatched ones stay queued. */
  public JsonNode awaitMatchingWithin(java.util.function.Predicate<JsonNode> match, long millis) {
    try {
      JsonNode m = messages.poll(millis, TimeUnit.MILLISECONDS);
      if (m == null || match.test(m)) {
        return m;
      }
      messages.add(m);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  public boolean isClosedByServer() {
    return closed.isDone();
  }

  public int nextId() {
    return ids.incrementAndGet();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
          .exceptionally(e -> null)
          .completeOnTimeout(null, 2, TimeUnit.SECONDS)
          .join();
    }
    socket.abort();
  }

  /** Drops the TCP connection without a close handshake, as a crashed client would. */
  public void abort() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(Json.mapper().readTree(partial.toString()));
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(-1);
    }
  }
}
