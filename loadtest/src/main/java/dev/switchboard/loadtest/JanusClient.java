package dev.switchboard.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Janus session over the plain HTTP API (create, attach, message, long-poll GET for events).
 * Asynchronous plugin replies come back on the long poll carrying the request's transaction, and
 * complete the future {@link #send} returned. The long poll also keeps the session alive.
 * Thread-safe: requests may come from any thread; one virtual thread polls.
 */
final class JanusClient implements AutoCloseable {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Duration REQUEST_LIMIT = Duration.ofSeconds(10);
  /** Janus holds a long poll for up to 30 s; give it some slack. */
  private static final Duration POLL_LIMIT = Duration.ofSeconds(40);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String api;
  private final long session;
  private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> eventCounts = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean closed;

  private JanusClient(String api, long session) {
    this.api = api;
    this.session = session;
    this.poller = Thread.ofVirtual().name("janus-poll").start(this::poll);
  }

  /** Creates a session on the Janus at {@code api} (e.g. http://10.201.3.6:8088/janus). */
  static JanusClient connect(String api) {
    JsonNode r = post(HttpClient.newHttpClient(), api, request("create"));
    return new JanusClient(api, r.path("data").path("id").asLong());
  }

  /** Attaches a handle to {@code plugin}; returns the handle id. */
  long attach(String plugin) {
    ObjectNode body = request("attach");
    body.put("plugin", plugin);
    return post(http, api + "/" + session, body).path("data").path("id").asLong();
  }

  /**
   * Sends a plugin message; a synchronous answer ("success") completes the future at once, an "ack"
   * leaves it to the event that arrives later on the long poll.
   */
  CompletableFuture<JsonNode> send(long handle, ObjectNode body, ObjectNode jsep) {
    ObjectNode message = request("message");
    message.set("body", body);
    if (jsep != null) {
      message.set("jsep", jsep);
    }
    String transaction = message.path("transaction").asString();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(transaction, reply);
    JsonNode r = post(http, api + "/" + session + "/" + handle, message);
    if (!"ack".equals(r.path("janus").asString())) {
      pending.remove(transaction);
      reply.complete(r);
    }
    return reply;
  }

  /** {@link #send} and wait (bounded) for the plugin's reply; throws on a Janus or plugin error. */
  JsonNode call(long handle, ObjectNode body, ObjectNode jsep, Duration limit) {
    try {
      JsonNode reply = send(handle, body, jsep).get(limit.toMillis(), TimeUnit.MILLISECONDS);
      JsonNode data = reply.path("plugindata").path("data");
      if (reply.has("error") || data.has("error")) {
        throw new IllegalStateException("janus refused " + body + ": " + reply);
      }
      return reply;
    } catch (TimeoutException e) {
      throw new IllegalStateException("no reply from janus within " + limit + " to " + body, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("janus request failed: " + body, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static ObjectNode jsep(String type, String sdp) {
    ObjectNode jsep = object();
    jsep.put("type", type);
    jsep.put("sdp", sdp);
    return jsep;
  }

  /** How many events of each kind (webrtcup, media, hangup, slowlink, ...) the long poll saw. */
  Map<String, AtomicLong> eventCounts() {
    return eventCounts;
  }

  private void poll() {
    while (!closed) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/" + session + "?maxev=20"))
            .timeout(POLL_LIMIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode events = JSON.readTree(r.body());
        if (events.isArray()) {
          events.forEach(this::dispatch);
        } else {
          dispatch(events);
        }
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          sleepQuietly();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void dispatch(JsonNode event) {
    String kind = event.path("janus").asString();
    eventCounts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    CompletableFuture<JsonNode> waiting = pending.remove(event.path("transaction").asString());
    if (waiting != null) {
      waiting.complete(event);
    }
  }

  private static ObjectNode request(String kind) {
    ObjectNode r = object();
    r.put("janus", kind);
    r.put("transaction", UUID.randomUUID().toString());
    return r;
  }

  private static JsonNode post(HttpClient http, String url, ObjectNode body) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_LIMIT)
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode reply = JSON.readTree(r.body());
      if (r.statusCode() != 200 || "error".equals(reply.path("janus").asString())) {
        throw new IllegalStateException("janus refused " + body.path("janus").asString() + ": " + r.body());
      }
      return reply;
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach janus at " + url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      post(http, api + "/" + session, request("destroy"));
    } catch (RuntimeException e) {
      // Janus may be gone already; the session times out by itself then
    }
    poller.interrupt();
    pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("janus session closed")));
  }
}
