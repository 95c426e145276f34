package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.local.browser.WebClientPage;
import dev.switchboard.local.support.TestCluster;
import dev.switchboard.local.support.UdpBlipRelay;
import dev.switchboard.medianode.browser.Browser;
import dev.switchboard.medianode.browser.Poll;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A network blip between two Chromium pages and the medianode: the medianode announces
 * 127.0.0.2 but binds 127.0.0.1, and a {@link UdpBlipRelay} on 127.0.0.2 carries all media and
 * can drop everything for a while. A blip shorter than the grace periods changes nothing; a
 * longer one (Chrome goes 'disconnected', the grace passes) renegotiates each connection exactly
 * once, and video is decoded again afterwards.
 */
@Timeout(value = 200, unit = TimeUnit.SECONDS)
class NetworkBlipBrowserTest {
  private static final Duration MEDIA_WAIT = Duration.ofSeconds(60);
  private static final Duration SHORT_BLIP = Duration.ofMillis(1000);
  /** Longer than the media server's 2 s flow timeout plus the wrapper's 4 s grace, and the client's 3 s grace. */
  private static final Duration QUIET_AFTER_SHORT_BLIP = Duration.ofSeconds(9);
  private static final Duration LONGEST_BLIP = Duration.ofSeconds(30);
  private static final long MORE_FRAMES = 20;

  @Test
  void aShortBlipChangesNothing_aLongOneRenegotiatesEachConnectionOnce() throws Exception {
    try (TestCluster cluster = new TestCluster(1, 1, Map.of(), "--port", "0", "--udp-port", "0",
            "--announced-ip", "127.0.0.2", "--udp-bind-address", "127.0.0.1");
        UdpBlipRelay relay = new UdpBlipRelay(
            new InetSocketAddress("127.0.0.2", cluster.mediaNode.mediaPlane().port()),
            new InetSocketAddress("127.0.0.1", cluster.mediaNode.mediaPlane().port()));
        Browser browser = Browser.start()) {
      String sessionId = cluster.client.createSession(cluster.apiUrl(0));
      List<String> tabs = new ArrayList<>();
      for (String name : List.of("Ann", "Ben")) {
        tabs.add(browser.openTab(cluster.apiUrl(0) + "/?session=" + sessionId + "&name="
            + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&autojoin=1#key=" + TestCluster.APPLICATION_KEY));
      }
      Map<String, Long> frames = new HashMap<>();
      assertThat(Poll.until(MEDIA_WAIT, () -> decoding(browser, tabs, frames, 0)))
          .as("both pages decode each other through the relay: %s", stats(browser, tabs)).isTrue();
      assertThat(relay.clients()).as("one upstream socket per browser connection").isGreaterThanOrEqualTo(4);

      relay.drop(true);
      Thread.sleep(SHORT_BLIP.toMillis()); // the blip itself: wall-clock time is what is under test
      relay.drop(false);
      boolean renegotiated = Poll.until(QUIET_AFTER_SHORT_BLIP, () -> renegotiations(browser, tabs).values().stream()
          .anyMatch(n -> n > 0));
      assertThat(renegotiated).as("a %d ms blip renegotiates nothing: %s", SHORT_BLIP.toMillis(), stats(browser, tabs))
          .isFalse();
      Map<String, Long> afterShort = new HashMap<>(frames);
      assertThat(Poll.until(MEDIA_WAIT, () -> decoding(browser, tabs, afterShort, MORE_FRAMES)))
          .as("video keeps flowing after the short blip").isTrue();

      long blipStart = System.nanoTime();
      relay.drop(true);
      boolean allRenegotiating = Poll.until(LONGEST_BLIP, () -> {
        Map<String, Long> counts = renegotiations(browser, tabs);
        return counts.size() == 4 && counts.values().stream().allMatch(n -> n >= 1);
      });
      relay.drop(false);
      long blipMillis = (System.nanoTime() - blipStart) / 1_000_000;
      System.out.printf("long blip: %d ms until every connection renegotiated (%d datagrams dropped)%n", blipMillis,
          relay.droppedDatagrams());
      assertThat(allRenegotiating).as("every connection renegotiates during a long blip: %s", stats(browser, tabs))
          .isTrue();

      Map<String, Long> sample = new HashMap<>();
      decoding(browser, tabs, sample, 0);
      long recoveryStart = System.nanoTime();
      assertThat(Poll.until(MEDIA_WAIT, () -> decoding(browser, tabs, sample, MORE_FRAMES)))
          .as("video is decoded again after the long blip: %s", stats(browser, tabs)).isTrue();
      System.out.printf("media flowing again %d ms after the blip ended%n", (System.nanoTime() - recoveryStart) / 1_000_000);
      assertThat(renegotiations(browser, tabs)).as("exactly one renegotiation per connection")
          .hasSize(4).allSatisfy((connection, n) -> assertThat(n).as(connection).isEqualTo(1));
      for (String tab : tabs) {
        assertThat(WebClientPage.stats(browser, tab).get("state")).isEqualTo("connected");
      }
    }
  }

  /** Renegotiations per connection, keyed "tab/publisher" or "tab/remote id". */
  private static Map<String, Long> renegotiations(Browser browser, List<String> tabs) {
    Map<String, Long> counts = new HashMap<>();
    for (String tab : tabs) {
      Map<String, Object> stats = WebClientPage.stats(browser, tab);
      if (stats.get("publisher") instanceof Map<?, ?> publisher) {
        counts.put(tab + "/publisher", WebClientPage.number(publisher.get("renegotiations")));
      }
      WebClientPage.remotes(stats).forEach((id, remote) ->
          counts.put(tab + "/" + id, WebClientPage.number(remote.get("renegotiations"))));
    }
    return counts;
  }

  /**
   * Whether each page decodes the other's video beyond {@code frames[tab] + more}; records the
   * current counts when {@code more} is 0.
   */
  private static boolean decoding(Browser browser, List<String> tabs, Map<String, Long> frames, long more) {
    boolean all = true;
    for (String tab : tabs) {
      Map<String, Map<String, Object>> remotes = WebClientPage.remotes(WebClientPage.stats(browser, tab));
      long decoded = remotes.values().stream().mapToLong(r -> WebClientPage.number(r.get("framesDecoded"))).sum();
      if (more == 0) {
        frames.put(tab, decoded);
        all &= remotes.size() == 1 && decoded > 0;
      } else {
        all &= remotes.size() == 1 && decoded >= frames.getOrDefault(tab, 0L) + more;
      }
    }
    return all;
  }

  private static Map<String, Object> stats(Browser browser, List<String> tabs) {
    Map<String, Object> all = new HashMap<>();
    tabs.forEach(tab -> all.put(tab, WebClientPage.stats(browser, tab)));
    return all;
  }
}
