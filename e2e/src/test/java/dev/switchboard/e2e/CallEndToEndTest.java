package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.e2e.support.Calls;
import dev.switchboard.e2e.support.Calls.Person;
import dev.switchboard.local.LocalCluster;
import dev.switchboard.local.browser.WebClientPage;
import dev.switchboard.medianode.browser.Browser;
import dev.switchboard.medianode.browser.Poll;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole system end to end: the local cluster (two apis behind the round-robin front, three
 * wrappers, two medianodes, each a separate process) and one headless Chromium with fake devices
 * whose tabs open the real web page through the front. Session A has Alice, Bob and Carol, session B
 * Dave and Erin. Every page must decode every other participant of its session and receive their
 * audio, and see exactly its session's names; the pages' requests must have reached both apis and
 * their commands every wrapper. Then Carol leaves (Alice's and Bob's grids drop her) and Bob's page
 * reloads mid-call (it joins again by itself, and Alice and Bob decode each other again).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CallEndToEndTest {
  private static final String AMQP_URI = "amqp://guest:guest@127.0.0.1:5672";
  private static final int APIS = 2;
  private static final int WRAPPERS = 3;
  private static final int MEDIANODES = 2;
  private static final Duration MEDIA_WAIT = Duration.ofSeconds(90);
  private static final Duration LEAVE_WAIT = Duration.ofSeconds(30);
  private static final Duration REJOIN_WAIT = Duration.ofSeconds(90);
  /** Frames each reception must decode beyond a first sample: video keeps flowing, not one stray frame. */
  private static final long MORE_FRAMES = 20;

  /** Under target/ rather than a JUnit temp dir, so that the processes' logs outlive a failed run. */
  private final Path dataDir = Path.of("target", "e2e-" + System.currentTimeMillis()).toAbsolutePath();

  private final Calls calls = new Calls();

  @Test
  void fivePeopleInTwoSessionsSeeAndHearTheirSession_aLeaverDisappears_aReloadedPageComesBack() throws Exception {
    long started = System.nanoTime();
    LocalCluster cluster = null;
    Browser browser = null;
    boolean passed = false;
    try {
      cluster = LocalCluster.start(new LocalCluster.Spec(APIS, WRAPPERS, MEDIANODES, 0, dataDir, AMQP_URI), System.out);
      System.out.printf("cluster logs in %s%n", dataDir.resolve("cluster/logs"));
      System.out.printf("cluster up after %d ms%n", millisSince(started));
      String front = cluster.url();
      String sessionA = calls.createSession(front, cluster.applicationKey());
      String sessionB = calls.createSession(front, cluster.applicationKey());
      browser = Browser.start();
      Map<String, String> sessionOf = new LinkedHashMap<>();
      List.of("Alice", "Bob", "Carol").forEach(n -> sessionOf.put(n, sessionA));
      List.of("Dave", "Erin").forEach(n -> sessionOf.put(n, sessionB));
      List<Person> people = new ArrayList<>();
      for (Map.Entry<String, String> entry : sessionOf.entrySet()) {
        people.add(calls.open(browser, front, cluster.applicationKey(), entry.getValue(), entry.getKey()));
      }
      System.out.printf("%d pages open after %d ms%n", people.size(), millisSince(started));

      // Every page decodes every other participant of its session and hears them; video keeps flowing.
      calls.assertEveryoneReceivesEveryone(browser, people, "all five in their calls", MEDIA_WAIT, MORE_FRAMES);
      for (Person person : people) {
        List<String> expected = people.stream().filter(p -> p.session().equals(person.session()))
            .map(p -> p == person ? p.name() + " (you)" : p.name()).toList();
        assertThat(WebClientPage.tileNames(browser, person.tab())).as("grid of %s", person.name())
            .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(WebClientPage.stats(browser, person.tab()).get("state")).as("state of %s", person.name()).isEqualTo("connected");
      }
      System.out.printf("media flowing everywhere after %d ms%n", millisSince(started));

      // The pages' requests went through the front to both apis, and their commands to every wrapper.
      Map<String, Double> apiRequests = new TreeMap<>();
      Map<String, Double> wrapperCommands = new TreeMap<>();
      for (Map.Entry<String, URI> service : cluster.serviceUrls().entrySet()) {
        String scrape = calls.get(service.getValue() + "/actuator/prometheus");
        if (service.getKey().startsWith("api-")) {
          apiRequests.put(service.getKey(), Calls.sum(scrape, "http_server_requests_seconds_count{", "uri=\"/api/"));
        } else if (service.getKey().startsWith("wrapper-")) {
          wrapperCommands.put(service.getKey(), Calls.sum(scrape, "switchboard_wrapper_commands_total{", ""));
        }
      }
      System.out.println("api requests " + apiRequests + ", wrapper commands " + wrapperCommands);
      assertThat(apiRequests).as("/api requests per api instance").hasSize(APIS).allSatisfy((name, count) ->
          assertThat(count).as(name).isPositive());
      assertThat(wrapperCommands).as("commands per wrapper").hasSize(WRAPPERS).allSatisfy((name, count) ->
          assertThat(count).as(name).isPositive());

      // Carol leaves: Alice's and Bob's grids drop her, and their connections from her close.
      Person alice = people.get(0);
      Person bob = people.get(1);
      Person carol = people.get(2);
      browser.click(carol.tab(), "#leave");
      List<Person> stayers = List.of(alice, bob);
      Browser b = browser;
      boolean dropped = Poll.until(LEAVE_WAIT, () -> stayers.stream().allMatch(p -> {
        List<String> tiles = WebClientPage.tileNames(b, p.tab());
        return tiles.size() == 2 && !tiles.contains(carol.name()) && WebClientPage.remotes(WebClientPage.stats(b, p.tab())).size() == 1;
      }));
      assertThat(dropped).as("Alice's and Bob's grids drop Carol: %s",
          stayers.stream().map(p -> p.name() + "=" + WebClientPage.tileNames(b, p.tab())).toList()).isTrue();
      assertThat(browser.execute(carol.tab(), "return document.getElementById('lobby').hidden"))
          .as("Carol is back in the lobby").isEqualTo(false);
      System.out.printf("Carol gone from the grids after %d ms%n", millisSince(started));

      // Bob's page reloads mid-call: it joins again by itself and Alice and Bob decode each other again.
      Object oldBob = WebClientPage.stats(browser, bob.tab()).get("participantId");
      browser.execute(bob.tab(), "location.reload()");
      boolean back = Poll.until(REJOIN_WAIT, () -> {
        Object newBob = WebClientPage.stats(b, bob.tab()).get("participantId");
        List<String> aliceTiles = WebClientPage.tileNames(b, alice.tab());
        return newBob != null && !newBob.equals(oldBob) && aliceTiles.size() == 2
            && aliceTiles.containsAll(List.of("Alice (you)", "Bob"));
      });
      assertThat(back).as("Bob's reloaded page joins again; Alice's grid %s", WebClientPage.tileNames(browser, alice.tab())).isTrue();
      calls.assertEveryoneReceivesEveryone(browser, stayers, "Alice and Bob after Bob's reload", MEDIA_WAIT, MORE_FRAMES);
      assertThat(WebClientPage.tileNames(browser, bob.tab())).as("Bob's grid after the reload")
          .containsExactlyInAnyOrder("Bob (you)", "Alice");
      assertThat(WebClientPage.tileNames(browser, alice.tab())).as("Alice's grid after Bob's reload")
          .containsExactlyInAnyOrder("Alice (you)", "Bob");
      System.out.printf("whole scenario took %d ms%n", millisSince(started));
      passed = true;
    } finally {
      if (browser != null) {
        browser.close();
      }
      if (cluster != null) {
        cluster.close();
      }
      calls.deleteBrokerObjects();
      if (passed) {
        Calls.deleteRecursively(dataDir);
      }
    }
  }

  private static long millisSince(long nanos) {
    return Calls.millisSince(nanos);
  }
}
