package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.local.browser.WebClientPage;
import dev.switchboard.local.support.TestCluster;
import dev.switchboard.medianode.browser.Browser;
import dev.switchboard.medianode.browser.Poll;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The web client keeps its call through token expiry: with 10 s tokens and no clock allowance the
 * api refuses a token 10 s after it was issued, so a page still polling (connected) 30 s after
 * joining, having refreshed several times, shows that switchboard.js refreshes before expiry and
 * uses the new token (a poll with an expired one would make the call 'lost').
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TokenRefreshBrowserTest {
  @Test
  void aCallOutlivesItsFirstTokensByRefreshingThem() throws Exception {
    Map<String, Object> api = Map.of("switchboard.api.token-ttl", "10s", "switchboard.api.token-clock-skew", "0s");
    try (TestCluster cluster = new TestCluster(1, 1, 1, Map.of(), api); Browser browser = Browser.start()) {
      String sessionId = cluster.client.createSession(cluster.apiUrl(0));
      String tab = browser.openTab(cluster.apiUrl(0) + "/?session=" + sessionId + "&name=Ada&autojoin=1#key="
          + TestCluster.APPLICATION_KEY);
      assertThat(Poll.until(Duration.ofSeconds(30), () -> "connected".equals(WebClientPage.stats(browser, tab).get("state"))))
          .as("the page joins: %s", WebClientPage.stats(browser, tab)).isTrue();
      long joinedAt = System.nanoTime();

      // Three token lifetimes; each poll (at most 25 s) re-checks the token when it starts.
      boolean stayed = Poll.until(Duration.ofSeconds(60), () -> {
        Map<String, Object> stats = WebClientPage.stats(browser, tab);
        assertThat(stats.get("state")).as("the call is never lost: %s", stats).isNotEqualTo("lost");
        return System.nanoTime() - joinedAt > Duration.ofSeconds(30).toNanos()
            && WebClientPage.number(stats.get("tokenRefreshes")) >= 3;
      });
      Map<String, Object> stats = WebClientPage.stats(browser, tab);
      assertThat(stayed).as("three refreshes within 30 s: %s", stats).isTrue();
      assertThat(stats.get("state")).isEqualTo("connected");
      // The poll that is running now started with a refreshed token; the first one expired long ago.
      assertThat(cluster.client.session(cluster.apiUrl(0), sessionId).participants()).hasSize(1);
    }
  }
}
