package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.messages.MediaServerLost;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.contracts.messages.RequestFailed;
import dev.switchboard.local.browser.WebClientPage;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.local.support.TestCluster;
import dev.switchboard.medianode.browser.Browser;
import dev.switchboard.medianode.browser.Poll;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The web client's reactions to the server's recovery messages, put in a page's user queue as a
 * wrapper would: {@code mediaServerLost} (sent twice with one epoch) re-offers every connection
 * once with the same participant id, and media flows again; an {@code error} with code
 * REJOIN_LIMIT makes the call 'lost' with the Reconnect button shown.
 */
@Timeout(value = 200, unit = TimeUnit.SECONDS)
class WebClientRecoveryBrowserTest {
  private static final Duration MEDIA_WAIT = Duration.ofSeconds(45);
  private static final long MORE_FRAMES = 20;

  @Test
  void aMediaServerMoveReoffersOnceKeepingTheParticipant_andRejoinLimitMakesTheCallLost() throws Exception {
    try (TestCluster cluster = new TestCluster(1, 1); Browser browser = Browser.start()) {
      String sessionId = cluster.client.createSession(cluster.apiUrl(0));
      List<String> tabs = new ArrayList<>();
      for (String name : List.of("Ada", "Bo")) {
        tabs.add(browser.openTab(cluster.apiUrl(0) + "/?session=" + sessionId + "&name="
            + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&autojoin=1#key=" + TestCluster.APPLICATION_KEY));
      }
      assertThat(Poll.until(MEDIA_WAIT, () -> framesDecoded(browser, tabs).values().stream().allMatch(n -> n > 0)))
          .as("both pages decode each other").isTrue();
      String moved = tabs.getFirst();
      String participantId = (String) WebClientPage.stats(browser, moved).get("participantId");
      assertThat(participantId).isNotBlank();

      publish(participantId, new MediaServerLost(sessionId, 7, "test: media server moved"));
      publish(participantId, new MediaServerLost(sessionId, 7, "test: the same move announced again"));
      assertThat(Poll.until(MEDIA_WAIT, () -> WebClientPage.number(
          WebClientPage.stats(browser, moved).get("mediaServerMoves")) == 1)).as("the move is handled").isTrue();
      Map<String, Long> sample = framesDecoded(browser, tabs);
      assertThat(Poll.until(MEDIA_WAIT, () -> framesDecoded(browser, tabs).entrySet().stream()
          .allMatch(e -> e.getValue() >= sample.getOrDefault(e.getKey(), 0L) + MORE_FRAMES)))
          .as("media flows again after the re-offers: %s", WebClientPage.stats(browser, moved)).isTrue();
      Map<String, Object> stats = WebClientPage.stats(browser, moved);
      assertThat(stats.get("participantId")).as("same participant, no leave and join").isEqualTo(participantId);
      assertThat(WebClientPage.number(stats.get("mediaServerMoves"))).as("one epoch, one move").isEqualTo(1);
      assertThat(WebClientPage.number(stats.get("fullRejoins"))).isZero();

      publish(participantId, new RequestFailed("processOffer c-1", "REJOIN_LIMIT", "test: too many renegotiations"));
      assertThat(Poll.until(MEDIA_WAIT, () -> "lost".equals(WebClientPage.stats(browser, moved).get("state"))))
          .as("REJOIN_LIMIT makes the call lost").isTrue();
      assertThat(browser.execute(moved, "return document.getElementById('reconnect').hidden"))
          .as("the Reconnect button is shown").isEqualTo(false);
    }
  }

  /** Frames decoded per page, summed over its receptions. */
  private static Map<String, Long> framesDecoded(Browser browser, List<String> tabs) {
    Map<String, Long> frames = new java.util.HashMap<>();
    for (String tab : tabs) {
      frames.put(tab, WebClientPage.remotes(WebClientPage.stats(browser, tab)).values().stream()
          .mapToLong(r -> WebClientPage.number(r.get("framesDecoded"))).sum());
    }
    return frames;
  }

  /** Puts a message in {@code user.{pid}} as ParticipantPublisher does. */
  private static void publish(String participantId, ParticipantMessage message) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setVirtualHost(System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/"));
    try (Connection connection = factory.newConnection("recovery-test"); Channel channel = connection.createChannel()) {
      byte[] body = ApiClient.JSON.writerFor(ParticipantMessage.class).writeValueAsBytes(message);
      AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
          .deliveryMode(2).messageId(java.util.UUID.randomUUID().toString()).build();
      channel.basicPublish("", Topology.userQueue(participantId), properties, body);
    }
  }
}
