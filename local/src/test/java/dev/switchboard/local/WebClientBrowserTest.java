package dev.switchboard.local;

import dev.switchboard.local.browser.WebClientPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.browser.Browser;
import dev.switchboard.medianode.browser.Poll;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.local.support.TestCluster;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The web client end to end: three Chromium tabs open the page served by two api instances, join
 * one session by its link, and every tab must decode every other one's video and receive their
 * audio through the medianode; when one leaves, the others' grids drop its tile. With
 * {@code -Dswitchboard.screenshot=true} it also rewrites docs/screenshots/three-person-call.png.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WebClientBrowserTest {
  private static final List<String> NAMES = List.of("Alice", "Bob", "Carol");
  private static final Duration MEDIA_WAIT = Duration.ofSeconds(60);
  private static final Duration LEAVE_WAIT = Duration.ofSeconds(20);
  /** Frames each reception must decode beyond a first sample, proving video keeps flowing rather than a stray frame. */
  private static final long MORE_FRAMES = 20;

  /** One person: a tab of the browser. */
  private record Person(String name, String tab) {}

  @Test
  void threePeopleSeeAndHearEachOther_andALeaverDisappearsFromTheGrids() throws Exception {
    long started = System.nanoTime();
    try (TestCluster cluster = new TestCluster(2, 3); Browser browser = Browser.start()) {
      String sessionId = cluster.client.createSession(cluster.apiUrl(0));
      List<Person> people = new ArrayList<>();
      for (int i = 0; i < NAMES.size(); i++) {
        // Alternate api instances: signalling must work whichever instance a page talks to.
        String url = cluster.apiUrl(i) + "/?session=" + sessionId + "&name="
            + URLEncoder.encode(NAMES.get(i), StandardCharsets.UTF_8) + "&autojoin=1#key=" + TestCluster.APPLICATION_KEY;
        people.add(new Person(NAMES.get(i), browser.openTab(url)));
      }
      System.out.printf("cluster up and %d pages open after %d ms%n", people.size(), millisSince(started));

      long mediaStart = System.nanoTime();
      Map<String, Long> firstFrames = new HashMap<>();
      boolean flowing = Poll.until(MEDIA_WAIT, () -> everyoneReceivesEveryone(browser, people, firstFrames, 0));
      assertThat(flowing).as("every page decodes every other page's video and receives its audio; last stats: %s",
          allStats(browser, people)).isTrue();
      System.out.printf("first frames everywhere after %d ms%n", millisSince(mediaStart));
      Map<String, Long> sample = new HashMap<>(firstFrames);
      boolean growing = Poll.until(MEDIA_WAIT, () -> everyoneReceivesEveryone(browser, people, sample, MORE_FRAMES));
      assertThat(growing).as("video keeps being decoded; first sample %s, stats %s", firstFrames, allStats(browser, people))
          .isTrue();
      for (Person person : people) {
        assertThat(WebClientPage.tileNames(browser, person.tab())).as("grid of %s", person.name())
            .containsExactlyInAnyOrderElementsOf(NAMES.stream()
                .map(n -> n.equals(person.name()) ? n + " (you)" : n).toList());
        assertThat(WebClientPage.stats(browser, person.tab()).get("state")).as("state of %s", person.name()).isEqualTo("connected");
        assertThat(browser.execute(person.tab(), "return document.getElementById('status').hidden"))
            .as("no status banner while connected").isEqualTo(true);
      }

      if (Boolean.getBoolean("switchboard.screenshot")) {
        Path file = docsDirectory().resolve("screenshots/three-person-call.png");
        Files.createDirectories(file.getParent());
        Files.write(file, browser.screenshot(people.getFirst().tab()));
        System.out.println("screenshot written to " + file);
      }

      Person leaver = people.getLast();
      browser.click(leaver.tab(), "#leave");
      List<Person> stayers = people.subList(0, people.size() - 1);
      boolean dropped = Poll.until(LEAVE_WAIT, () -> stayers.stream().allMatch(p ->
          WebClientPage.tileNames(browser, p.tab()).size() == stayers.size() && !WebClientPage.tileNames(browser, p.tab()).contains(leaver.name())
              && WebClientPage.remotes(WebClientPage.stats(browser, p.tab())).size() == stayers.size() - 1));
      assertThat(dropped).as("the others' grids drop %s: %s", leaver.name(),
          stayers.stream().map(p -> p.name() + "=" + WebClientPage.tileNames(browser, p.tab())).toList()).isTrue();
      assertThat(browser.execute(leaver.tab(), "return document.getElementById('lobby').hidden"))
          .as("the leaver is back in the lobby").isEqualTo(false);
      System.out.printf("whole scenario took %d ms%n", millisSince(started));
    }
  }

  /**
   * Whether every page decodes every other page's video beyond {@code frames[viewer->presenter] + more}
   * and has received audio packets; records the current frame counts in {@code frames} when {@code more} is 0.
   */
  private static boolean everyoneReceivesEveryone(Browser browser, List<Person> people, Map<String, Long> frames, long more) {
    boolean all = true;
    for (Person viewer : people) {
      Map<String, Map<String, Object>> remotes = WebClientPage.remotes(WebClientPage.stats(browser, viewer.tab()));
      for (Person presenter : people) {
        if (presenter == viewer) {
          continue;
        }
        String key = viewer.name() + "->" + presenter.name();
        Map<String, Object> reception = remotes.values().stream()
            .filter(r -> presenter.name().equals(r.get("name"))).findFirst().orElse(null);
        if (reception == null) {
          all = false;
          continue;
        }
        long decoded = WebClientPage.number(reception.get("framesDecoded"));
        long audio = WebClientPage.number(reception.get("audioPacketsReceived"));
        if (more == 0) {
          frames.put(key, decoded);
          all &= decoded > 0 && audio > 0;
        } else {
          all &= decoded >= frames.getOrDefault(key, 0L) + more && audio > 0;
        }
      }
    }
    return all;
  }

  private static Map<String, Object> allStats(Browser browser, List<Person> people) {
    Map<String, Object> all = new HashMap<>();
    people.forEach(p -> all.put(p.name(), WebClientPage.stats(browser, p.tab())));
    return all;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /** The repository's docs directory: tests run in the module directory, one level below it. */
  private static Path docsDirectory() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    Path docs = here.resolveSibling("docs");
    if (!Files.isDirectory(docs)) {
      docs = here.resolve("docs");
    }
    return docs;
  }
}
