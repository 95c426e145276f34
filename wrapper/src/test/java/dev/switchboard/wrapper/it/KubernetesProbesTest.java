package dev.switchboard.wrapper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * The probes deploy/k8s points Kubernetes at: liveness and readiness (RabbitMQ, MongoDB and the
 * sessions change stream) answer UP, and shutdown is graceful.
 */
class KubernetesProbesTest extends WrapperIntegrationTest {
  @LocalServerPort
  int port;

  @Autowired
  Environment environment;

  @Test
  void livenessAndReadinessAnswerUp() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (String probe : new String[] {"liveness", "readiness"}) {
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/" + probe))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(probe + ": " + answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"UP\"");
      });
    }
  }

  @Test
  void shutdownIsGraceful() {
    assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
    assertThat(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("30s");
  }
}
