package dev.switchboard.medianode.support;

import dev.switchboard.medianode.rpc.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
  /** Every message received and not yet taken, oldest first; guarded by itself. */
  private final java.util.List<JsonNode> inbox = new java.util.ArrayList<>();
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

  /** The next response with this id; notifications seen meanwhile stay queued, in order. */
  public JsonNode awaitResponse(int id) {
    return awaitMatching(m -> m.has("id") && !m.path("id").isNull() && m.path("id").asInt(-1) == id);
  }

  /** The next message (response or notification). */
  public JsonNode next() {
    return awaitMatching(m -> true);
  }

  /** The oldest message matching; others stay where they are. */
  public JsonNode awaitMatching(java.util.function.Predicate<JsonNode> match) {
    JsonNode m = awaitMatchingWithin(match, TIMEOUT.toMillis());
    if (m == null) {
      throw new AssertionError("No matching message within " + TIMEOUT);
    }
    return m;
  }

  /** The oldest message matching within {@code millis}, or null; others stay where they are. */
  public JsonNode awaitMatchingWithin(java.util.function.Predicate<JsonNode> match, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (inbox) {
      while (true) {
        for (java.util.Iterator<JsonNode> it = inbox.iterator(); it.hasNext(); ) {
          JsonNode m = it.next();
          if (match.test(m)) {
            it.remove();
            return m;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(inbox, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
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
        JsonNode message = Json.mapper().readTree(partial.toString());
        partial.setLength(0);
        synchronized (inbox) {
          inbox.add(message);
          inbox.notifyAll();
        }
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
