package dev.switchboard.local.client;

import dev.switchboard.contracts.messages.Delivery;
import dev.switchboard.contracts.rest.CreateSessionResponse;
import dev.switchboard.contracts.rest.JoinResponse;
import dev.switchboard.contracts.rest.SessionView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A REST client of the api speaking the contracts' JSON as the browser client does, for tests,
 * chaos runs and load tests; it creates sessions and joins participants with the application key,
 * as an application's backend would. Thread-safe.
 */
public final class ApiClient {
  public static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** Every session and participant created through this client, so the test can delete their queues. */
  public final java.util.Set<String> createdSessions = java.util.concurrent.ConcurrentHashMap.newKeySet();
  public final java.util.Set<String> createdParticipants = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final String applicationKey;

  /** A client acting for the application whose key is {@code applicationKey} (switchboard.api.application-key). */
  public ApiClient(String applicationKey) {
    this.applicationKey = applicationKey;
  }

  public String applicationKey() {
    return applicationKey;
  }

  /** One HTTP answer: status and body. */
  public record Reply(int status, String body) {
    public <T> T as(Class<T> type) {
      return JSON.readValue(body, type);
    }
  }

  public Reply send(String baseUrl, String method, String path, String token, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(40))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String createSession(String baseUrl) {
    Reply r = send(baseUrl, "POST", "/api/sessions", applicationKey, null);
    require(r, 201);
    String sessionId = r.as(CreateSessionResponse.class).sessionId();
    createdSessions.add(sessionId);
    return sessionId;
  }

  public JoinResponse join(String baseUrl, String sessionId, String name) {
    Reply r = send(baseUrl, "POST", "/api/sessions/" + sessionId + "/participants", applicationKey, Map.of("name", name));
    require(r, 201);
    JoinResponse joined = r.as(JoinResponse.class);
    createdParticipants.add(joined.participantId());
    return joined;
  }

  public SessionView session(String baseUrl, String sessionId) {
    Reply r = send(baseUrl, "GET", "/api/sessions/" + sessionId, applicationKey, null);
    require(r, 200);
    return r.as(SessionView.class);
  }

  public List<Delivery> poll(String baseUrl, String sessionId, String participantId, String token, long after, int waitSeconds) {
    Reply r = send(baseUrl, "GET", "/api/sessions/" + sessionId + "/participants/" + participantId
        + "/messages?after=" + after + "&wait=" + waitSeconds, token, null);
    require(r, 200);
    return Arrays.asList(JSON.readValue(r.body(), Delivery[].class));
  }

  private static void require(Reply r, int status) {
    if (r.status() != status) {
      throw new AssertionError("expected HTTP " + status + " but got " + r.status() + ": " + r.body());
    }
  }
}
