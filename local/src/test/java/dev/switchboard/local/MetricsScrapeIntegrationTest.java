package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.IceCandidateFound;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.local.support.Scrape;
import dev.switchboard.local.support.TestCluster;
import dev.switchboard.local.support.TestParticipant;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.peer.HeadlessPeer;
import dev.switchboard.webrtc.peer.PeerOptions;
import dev.switchboard.webrtc.peer.SyntheticPublisher;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scrapes the api's and the wrapper's {@code /actuator/prometheus} and the medianode's
 * {@code /metrics} before and during a real call (two headless participants, one publishing audio
 * and video, the other receiving it through ICE, DTLS and SRTP) and finds the key series moving;
 * then checks that every metric the Grafana dashboard queries is one of the names those scrapes hold.
 */
class MetricsScrapeIntegrationTest {
  static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "switchboard-dashboard.json");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** A metric selector as the dashboard writes them: a name directly followed by its label matchers. */
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

  @Test
  void duringACallTheKeySeriesMove_andTheDashboardOnlyQueriesExposedMetrics() throws Exception {
    try (TestCluster cluster = new TestCluster(1, 1)) {
      String api = cluster.apiUrl(0);
      String wrapper = "http://127.0.0.1:" + cluster.wrappers.getFirst().getEnvironment().getProperty("local.server.port");
      String medianode = "http://127.0.0.1:" + cluster.mediaNode.url().getPort();
      Scrape[] before = scrapeAll(cluster.client, api, wrapper, medianode);

      String sid = cluster.client.createSession(api);
      TestParticipant alice = TestParticipant.join(cluster, 0, sid, "alice");
      TestParticipant bob = TestParticipant.join(cluster, 0, sid, "bob");
      try (HeadlessPeer publisher = HeadlessPeer.create(PeerOptions.publisher());
           HeadlessPeer subscriber = HeadlessPeer.create(PeerOptions.subscriber())) {
        connect(alice, alice.participantId, publisher);
        connect(bob, alice.participantId, subscriber);
        SyntheticPublisher media = new SyntheticPublisher(publisher, 800);
        for (int i = 0; i < 100; i++) { // two seconds of 50 packets/s of each kind
          media.send(MediaKind.AUDIO);
          media.send(MediaKind.VIDEO);
          Thread.sleep(20);
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (subscriber.stats().videoPackets() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(subscriber.stats().videoPackets()).as("video reached the subscriber").isPositive();

        Scrape[] during = scrapeAll(cluster.client, api, wrapper, medianode);
        Scrape apiNow = during[0];
        Scrape wrapperNow = during[1];
        Scrape nodeNow = during[2];
        assertThat(moved(before[0], apiNow, "switchboard_api_joins_total")).isEqualTo(2);
        assertThat(apiNow.sum("http_server_requests_seconds_count", "uri=\"/api/sessions/{sid}/participants/{pid}/offers\""))
            .isGreaterThanOrEqualTo(2);
        assertThat(moved(before[1], wrapperNow, "switchboard_wrapper_joins_total")).isEqualTo(2);
        assertThat(moved(before[1], wrapperNow, "switchboard_offer_answer_seconds_count")).isEqualTo(2);
        assertThat(wrapperNow.sum("switchboard_offer_answer_seconds_count", "connection=\"receive\"")).isEqualTo(1);
        assertThat(wrapperNow.sum("switchboard_wrapper_queue_depth", "queue=\"wrapper\"")).isGreaterThanOrEqualTo(0);
        assertThat(wrapperNow.sum("switchboard_wrapper_media_servers_connected")).isEqualTo(1);
        assertThat(nodeNow.sum("medianode_endpoints")).isEqualTo(2);
        assertThat(nodeNow.sum("medianode_pipelines")).isEqualTo(1);
        assertThat(nodeNow.sum("medianode_media_transports")).isEqualTo(2);
        assertThat(moved(before[2], nodeNow, "medianode_rtp_packets_received_total")).isGreaterThanOrEqualTo(100);
        assertThat(moved(before[2], nodeNow, "medianode_rtp_packets_forwarded_total")).isPositive();
        assertThat(moved(before[2], nodeNow, "medianode_rtp_bytes_forwarded_total"))
            .isGreaterThan(moved(before[2], nodeNow, "medianode_rtp_packets_forwarded_total") * 12);
        assertThat(moved(before[2], nodeNow, "medianode_keyframe_requests_sent_total")).isPositive();
        assertThat(nodeNow.sum("medianode_packets_dropped_total", "reason=\"srtp_auth_failed\"")).isZero();

        assertDashboardQueriesOnly(union(during));
      }
    }
  }

  /** Every metric the dashboard's panels query is a sample name that one of the services exposes. */
  private static void assertDashboardQueriesOnly(Set<String> exposed) throws IOException {
    JsonNode dashboard = ApiClient.JSON.readTree(Files.readString(DASHBOARD));
    List<String> variables = new ArrayList<>();
    dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("type").asString()));
    assertThat(variables).as("template variable types").contains("datasource");
    List<String> expressions = new ArrayList<>();
    collectExpressions(dashboard, expressions);
    assertThat(expressions).as("panel queries").hasSizeGreaterThan(20);
    Set<String> used = new TreeSet<>();
    for (String expression : expressions) {
      Matcher m = SELECTOR.matcher(expression);
      int found = 0;
      while (m.find()) {
        used.add(m.group(1));
        found++;
      }
      assertThat(found).as("a metric selector with labels in %s", expression).isPositive();
    }
    assertThat(exposed).as("metrics the dashboard queries").containsAll(used);
  }

  private static void collectExpressions(JsonNode node, List<String> out) {
    if (node.isObject()) {
      JsonNode expr = node.get("expr");
      if (expr != null && expr.isString()) {
        out.add(expr.asString());
      }
      node.forEach(child -> collectExpressions(child, out));
    } else if (node.isArray()) {
      node.forEach(child -> collectExpressions(child, out));
    }
  }

  /** Offers {@code target}'s connection from {@code peer}, applies the answer and trickled candidates, connects. */
  private static void connect(TestParticipant participant, String target, HeadlessPeer peer) {
    participant.offer(target, peer.createOffer());
    Answer answer = participant.await(Answer.class, a -> a.target().equals(target), TIMEOUT);
    peer.acceptAnswer(answer.sdp());
    participant.await(IceCandidateFound.class, c -> c.target().equals(target), TIMEOUT);
    for (IceCandidateFound found : participant.receivedOf(IceCandidateFound.class)) {
      if (found.target().equals(target)) {
        try {
          peer.addRemoteCandidate(IceCandidate.parse(found.candidate()));
        } catch (RuntimeException e) {
          // a candidate the headless peer cannot use (TCP, another family) is skipped, as a browser would
        }
      }
    }
    peer.connect();
  }

  private static Scrape[] scrapeAll(ApiClient client, String api, String wrapper, String medianode) {
    return new Scrape[] {
        scrape(client, api, "/actuator/prometheus"),
        scrape(client, wrapper, "/actuator/prometheus"),
        scrape(client, medianode, "/metrics")};
  }

  private static Scrape scrape(ApiClient client, String base, String path) {
    ApiClient.Reply reply = client.send(base, "GET", path, null, null);
    assertThat(reply.status()).as("GET %s%s", base, path).isEqualTo(200);
    return Scrape.parse(reply.body());
  }

  private static double moved(Scrape before, Scrape after, String name) {
    return after.sum(name) - before.sum(name);
  }

  private static Set<String> union(Scrape... scrapes) {
    Set<String> names = new TreeSet<>();
    for (Scrape s : scrapes) {
      names.addAll(s.names());
    }
    return names;
  }
}
