package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.local.browser.WebClientPage;
import dev.switchboard.local.support.Coturn;
import dev.switchboard.local.support.TestCluster;
import dev.switchboard.medianode.browser.Browser;
import dev.switchboard.medianode.browser.Poll;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web client behind TURN: the api hands out coturn (started with the shipped configuration,
 * the medianode's address as the one allowed peer) and per-participant credentials, two Chromium
 * pages open the call with {@code ?relay=1} (ICE may use relayed candidates only), and each must
 * decode the other's video. With relay-only ICE there is no other path, so media flowing proves
 * the relay and the credentials work; coturn's log must show each participant's allocation.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TurnBrowserTest {
  private static final String SECRET = "turn-browser-test-secret-0123456789abcdef";
  private static final Duration MEDIA_WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void twoPagesWithRelayOnlyIceSeeEachOtherThroughCoturn() throws Exception {
    try (Coturn coturn = Coturn.start(dir, SECRET, "127.0.0.1");
         TestCluster cluster = new TestCluster(1, 1, 1, Map.of(), Map.of(
             "switchboard.api.turn.uris", coturn.uri(), "switchboard.api.turn.secret", SECRET));
         Browser browser = Browser.start()) {
      String sessionId = cluster.client.createSession(cluster.apiUrl(0));
      List<String> names = List.of("Alice", "Bob");
      List<String> tabs = names.stream().map(name -> browser.openTab(cluster.apiUrl(0) + "/?session=" + sessionId
          + "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&autojoin=1&relay=1#key=" + TestCluster.APPLICATION_KEY)).toList();

      boolean flowing = Poll.until(MEDIA_WAIT, () -> tabs.stream().allMatch(tab -> {
        Map<String, Map<String, Object>> remotes = WebClientPage.remotes(WebClientPage.stats(browser, tab));
        return remotes.size() == 1 && remotes.values().stream()
            .allMatch(r -> WebClientPage.number(r.get("framesDecoded")) > 0);
      }));

      assertThat(flowing).as("both pages decode each other's video through the relay; stats %s / %s; coturn log:%n%s",
          WebClientPage.stats(browser, tabs.get(0)), WebClientPage.stats(browser, tabs.get(1)), coturn.log()).isTrue();
      String log = coturn.log();
      for (String tab : tabs) {
        String participantId = (String) browser.execute(tab, "return window.switchboardCall.participantId");
        assertThat(log).as("coturn allocated a relay for %s", participantId).containsPattern(
            "\\d+:" + participantId + "[^\\n]*(ALLOCATE|allocation)|(ALLOCATE|allocation)[^\\n]*\\d+:" + participantId);
      }
    }
  }
}
