package dev.switchboard.medianode.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.MediaNode;
import dev.switchboard.medianode.support.RunningNode;
import dev.switchboard.medianode.media.transport.DropReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;

/**
 * {@code GET /metrics} on the control port: Prometheus text without the secret, every family
 * present from the start (drops by every reason at zero), and the model gauges following the
 * pipelines and endpoints a Kurento client creates and releases.
 */
class MetricsEndpointTest {
  private static final String SECRET = "medianode-metrics-secret-0123456789";
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
  void metricsAreServedInThePrometheusTextFormatWithEveryFamily() throws Exception {
    HttpResponse<String> response = get("/metrics", "GET");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    String text = response.body();
    for (String family : new String[] {"medianode_pipelines", "medianode_endpoints", "medianode_media_transports",
        "medianode_rtp_packets_forwarded_total", "medianode_rtp_bytes_forwarded_total",
        "medianode_rtp_packets_lost_total", "medianode_rtp_packets_lost_downstream_total",
        "medianode_keyframe_requests_sent_total",
        "medianode_keyframe_requests_received_total", "medianode_packets_dropped_total", "jvm_memory_used_bytes"}) {
      assertThat(text).as(family).contains("# TYPE " + family + " ");
    }
    for (DropReason reason : DropReason.values()) {
      assertThat(text).contains("medianode_packets_dropped_total{reason=\"" + reason.name().toLowerCase(Locale.ROOT)
          + "\"} ");
    }
    // Every sample line is "name{labels} number" or "name number".
    for (String line : text.split("\n")) {
      if (!line.startsWith("#")) {
        assertThat(line).matches("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? (-?[0-9.eE+-]+|NaN)");
      }
    }
  }

  @Test
  void theModelGaugesFollowPipelinesAndEndpoints() throws Exception {
    KurentoClient kurento = KurentoClient.create(node.url() + "?secret=" + SECRET);
    try {
      double pipelinesBefore = value("medianode_pipelines");
      double endpointsBefore = value("medianode_endpoints");
      MediaPipeline pipeline = kurento.createMediaPipeline();
      WebRtcEndpoint first = new WebRtcEndpoint.Builder(pipeline).build();
      new WebRtcEndpoint.Builder(pipeline).build();

      assertThat(value("medianode_pipelines")).isEqualTo(pipelinesBefore + 1);
      assertThat(value("medianode_endpoints")).isEqualTo(endpointsBefore + 2);

      first.release();
      assertThat(value("medianode_endpoints")).isEqualTo(endpointsBefore + 1);
      pipeline.release();
      assertThat(value("medianode_pipelines")).isEqualTo(pipelinesBefore);
      assertThat(value("medianode_endpoints")).isEqualTo(endpointsBefore);
    } finally {
      kurento.destroy();
    }
  }

  @Test
  void otherMethodsAreRefusedAndUnknownPathsStill404() throws Exception {
    assertThat(get("/metrics", "POST").statusCode()).isEqualTo(405);
    assertThat(get("/metricsx", "GET").statusCode()).isEqualTo(404);
    assertThat(get("/metrics?x=1", "GET").statusCode()).isEqualTo(200);
  }

  private static double value(String name) throws Exception {
    Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(get("/metrics", "GET").body());
    assertThat(m.find()).as(name).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static HttpResponse<String> get(String path, String method) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + node.url().getPort() + path);
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }
}
