package dev.switchboard.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document lists every route, and the health probes answer. */
class OpenApiAndActuatorTest extends ApiIntegrationTest {
  @Test
  void theOpenApiDocumentListsEveryRoute() {
    var response = api.get("/v3/api-docs", null);
    assertThat(response.status()).isEqualTo(200);
    JsonNode document = response.as(JsonNode.class);
    assertThat(document.get("openapi").asString()).startsWith("3.");
    JsonNode paths = document.get("paths");
    assertThat(paths.has("/api/sessions") && paths.get("/api/sessions").has("post")).isTrue();
    assertThat(paths.get("/api/sessions/{sid}").has("get")).isTrue();
    assertThat(paths.get("/api/sessions/{sid}/participants").has("post")).isTrue();
    assertThat(paths.get("/api/sessions/{sid}/participants/{pid}").has("delete")).isTrue();
    assertThat(paths.get("/api/sessions/{sid}/participants/{pid}/offers").has("post")).isTrue();
    assertThat(paths.get("/api/sessions/{sid}/participants/{pid}/candidates").has("post")).isTrue();
    assertThat(paths.get("/api/sessions/{sid}/participants/{pid}/messages").has("get")).isTrue();
    assertThat(document.at("/components/securitySchemes/participantToken/scheme").asString()).isEqualTo("bearer");
    assertThat(document.at("/components/schemas/ParticipantMessage").isMissingNode()).isFalse();
  }

  @Test
  void healthAndReadinessAreUp() {
    var health = api.get("/actuator/health", null);
    assertThat(health.status()).as(health.body()).isEqualTo(200);
    assertThat(health.as(JsonNode.class).get("status").asString()).isEqualTo("UP");
    var readiness = api.get("/actuator/health/readiness", null);
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
  }
}
