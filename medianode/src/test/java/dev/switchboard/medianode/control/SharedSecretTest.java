package dev.switchboard.medianode.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.medianode.MediaNode;
import dev.switchboard.medianode.support.RunningNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;

/**
 * A node started with a secret: kurento-client with {@code ?secret=} works as against any KMS, a
 * Bearer header works too, no or a wrong secret gets 401 before any JSON-RPC, and {@code /health}
 * stays open for probes.
 */
class SharedSecretTest {
  private static final String SECRET = "medianode-test-secret-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static RunningNode running;
  private static MediaNode node;

  @BeforeAll
  static void start() {
    running = RunningNode.withSecret(SECRET);
    node = running.node;
  }

  @AfterAll
  static void stop() {
    running.close();
  }

  @Test
  void kurentoClientWithTheSecretInTheQueryCreatesAPipeline() {
    KurentoClient kurento = KurentoClient.create(node.url() + "?secret=" + SECRET);
    try {
      MediaPipeline pipeline = kurento.createMediaPipeline();
      assertThat(pipeline.getId()).isNotBlank();
      pipeline.release();
    } finally {
      kurento.destroy();
    }
  }

  @Test
  void aBearerHeaderOpensTheWebSocketToo() throws Exception {
    WebSocket socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + SECRET)
        .buildAsync(node.url(), new WebSocket.Listener() {}).get(5, TimeUnit.SECONDS);
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
  }

  @Test
  void withoutOrWithAWrongSecretTheUpgradeIsRefusedWith401() {
    long before = node.refusedUpgrades();
    for (URI uri : new URI[] {node.url(), URI.create(node.url() + "?secret=not-the-secret-at-all"),
        URI.create(node.url() + "?secret=" + SECRET + "&secret=" + SECRET), URI.create(node.url() + "/below")}) {
      assertThatThrownBy(() -> HTTP.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {}).join())
          .as("upgrade to %s", uri).isInstanceOf(CompletionException.class).hasStackTraceContaining("401");
    }
    assertThat(node.refusedUpgrades() - before).isEqualTo(4);
  }

  @Test
  void healthNeedsNoSecret() throws Exception {
    URI health = URI.create("http://127.0.0.1:" + node.url().getPort() + "/health");
    HttpResponse<String> response = HTTP.send(java.net.http.HttpRequest.newBuilder(health)
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }
}
