package dev.switchboard.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.messages.Delivery;
import dev.switchboard.contracts.rest.ApiError;
import dev.switchboard.contracts.rest.CreateSessionResponse;
import dev.switchboard.contracts.rest.JoinResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client of one api instance, as a browser would use it: raw bodies and headers, no
 * exceptions on 4xx/5xx. Immutable and thread-safe.
 */
public final class ApiClient {
  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The application key and token secret the api's pom gives every test JVM. */
  public static final String APPLICATION_KEY = "api-tests-application-key-0123456789abcdef";
  public static final String TOKEN_SECRET = "api-tests-token-secret-0123456789abcdef";

  private final String base;

  public ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** An answer: status, headers and body as text. */
  public record Response(int status, String body, HttpResponse<String> raw) {
    public <T> T as(Class<T> type) {
      return JSON.readValue(body, type);
    }

    public ApiError error() {
      return as(ApiError.class);
    }

    public List<Delivery> deliveries() {
      assertThat(status).as("poll status, body %s", body).isEqualTo(200);
      return JSON.readValue(body, new TypeReference<List<Delivery>>() {});
    }
  }

  /** A participant as the test knows it. */
  public record Participant(String sessionId, String participantId, String token) {
    public String path() {
      return "/api/sessions/" + sessionId + "/participants/" + participantId;
    }
  }

  public String createSession() {
    Response created = post("/api/sessions", null, APPLICATION_KEY);
    assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
    return created.as(CreateSessionResponse.class).sessionId();
  }

  public Participant join(String sessionId, String name) {
    return joinWith(sessionId, "{\"name\":\"" + name + "\"}");
  }

  /** Joins with the application key and the given JSON body (a name, and rights if any). */
  public Participant joinWith(String sessionId, String json) {
    Response joined = post("/api/sessions/" + sessionId + "/participants", json, APPLICATION_KEY);
    assertThat(joined.status()).as("join: %s", joined.body()).isEqualTo(201);
    JoinResponse body = joined.as(JoinResponse.class);
    return new Participant(sessionId, body.participantId(), body.token());
  }

  public Response poll(Participant p, long after, long waitSeconds) {
    return get(p.path() + "/messages?after=" + after + "&wait=" + waitSeconds, p.token());
  }

  public List<Delivery> messages(Participant p, long after) {
    return poll(p, after, 0).deliveries();
  }

  public Response get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Response delete(String path, String token) {
    return send(request(path, token).DELETE());
  }

  /** POSTs {@code json} (none if null) as application/json with a Content-Length. */
  public Response post(String path, String json, String token) {
    HttpRequest.BodyPublisher body = json == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    return send(request(path, token).header("Content-Type", "application/json").POST(body));
  }

  /** POSTs {@code json} chunked, without a Content-Length. */
  public Response postChunked(String path, String json, String token) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return send(request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
  }

  public Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }
}
