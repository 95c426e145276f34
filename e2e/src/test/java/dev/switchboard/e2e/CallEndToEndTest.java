package dev.switchboard.e2e;

import dev.switchboard.local.browser.WebClientPage;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.switchboard.contracts.Topology;
import dev.switchboard.local.LocalCluster;
import dev.switchboard.medianode.browser.Browser;
import dev.switchboard.medianode.browser.Poll;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

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
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** One person: a tab of the browser, in one session. */
  private record Person(String name, String session, String tab) {}

  /** Under target/ rather than a JUnit temp dir, so that the processes' logs outlive a failed run. */
  private final Path dataDir = Path.of("target", "e2e-" + System.currentTimeMillis()).toAbsolutePath();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final Set<String> participants = ConcurrentHashMap.newKeySet();

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
      String sessionA = createSession(front);
      String sessionB = createSession(front);
      browser = Browser.start();
      Map<String, String> sessionOf = new LinkedHashMap<>();
      List.of("Alice", "Bob", "Carol").forEach(n -> sessionOf.put(n, sessionA));
      List.of("Dave", "Erin").forEach(n -> sessionOf.put(n, sessionB));
      List<Person> people = new ArrayList<>();
      for (Map.Entry<String, String> entry : sessionOf.entrySet()) {
        String url = front + "/?session=" + entry.getValue() + "&name="
            + URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "&autojoin=1";
        people.add(new Person(entry.getKey(), entry.getValue(), browser.openTab(url)));
      }
      System.out.printf("%d pages open after %d ms%n", people.size(), millisSince(started));

      // Every page decodes every other participant of its session and hears them; video keeps flowing.
      assertEveryoneReceivesEveryone(browser, people, "all five in their calls");
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
        String scrape = get(service.getValue() + "/actuator/prometheus");
        if (service.getKey().startsWith("api-")) {
          apiRequests.put(service.getKey(), sum(scrape, "http_server_requests_seconds_count{", "uri=\"/api/"));
        } else if (service.getKey().startsWith("wrapper-")) {
          wrapperCommands.put(service.getKey(), sum(scrape, "switchboard_wrapper_commands_total{", ""));
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
      assertEveryoneReceivesEveryone(browser, stayers, "Alice and Bob after Bob's reload");
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
      deleteBrokerObjects();
      if (passed) {
        deleteRecursively(dataDir);
      }
    }
  }

  /** Polls until every person decodes every other person of its session (first frames, then MORE_FRAMES more). */
  private void assertEveryoneReceivesEveryone(Browser browser, List<Person> people, String what) throws Exception {
    Map<String, Long> firstFrames = new HashMap<>();
    boolean flowing = Poll.until(MEDIA_WAIT, () -> everyoneReceivesEveryone(browser, people, firstFrames, 0));
    assertThat(flowing).as("%s: every page decodes every other page of its session and receives its audio; stats %s",
        what, allStats(browser, people)).isTrue();
    Map<String, Long> sample = new HashMap<>(firstFrames);
    boolean growing = Poll.until(MEDIA_WAIT, () -> everyoneReceivesEveryone(browser, people, sample, MORE_FRAMES));
    assertThat(growing).as("%s: video keeps being decoded; first sample %s, stats %s", what, firstFrames,
        allStats(browser, people)).isTrue();
  }

  private boolean everyoneReceivesEveryone(Browser browser, List<Person> people, Map<String, Long> frames, long more) {
    boolean all = true;
    for (Person viewer : people) {
      Map<String, Object> stats = WebClientPage.stats(browser, viewer.tab());
      Object self = stats.get("participantId");
      if (self != null) {
        participants.add(self.toString());
      }
      Map<String, Map<String, Object>> remotes = WebClientPage.remotes(stats);
      for (Person presenter : people) {
        if (presenter == viewer || !presenter.session().equals(viewer.session())) {
          continue;
        }
        String key = viewer.name() + "->" + presenter.name();
        // The most advanced reception of that name (a reloaded page's old participant may linger briefly).
        Map<String, Object> reception = remotes.values().stream()
            .filter(r -> presenter.name().equals(r.get("name")))
            .max((x, y) -> Long.compare(WebClientPage.number(x.get("framesDecoded")), WebClientPage.number(y.get("framesDecoded"))))
            .orElse(null);
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
      // Nobody of another session shows up.
      Set<String> allowed = new java.util.HashSet<>();
      people.stream().filter(p -> p.session().equals(viewer.session())).forEach(p -> allowed.add(p.name()));
      all &= remotes.values().stream().allMatch(r -> allowed.contains(String.valueOf(r.get("name"))));
    }
    return all;
  }

  private static Map<String, Object> allStats(Browser browser, List<Person> people) {
    Map<String, Object> all = new LinkedHashMap<>();
    people.forEach(p -> all.put(p.name(), WebClientPage.stats(browser, p.tab())));
    return all;
  }

  private String createSession(String front) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(front + "/api/sessions"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("create session: %s", response.body()).isEqualTo(201);
    String sessionId = JSON.readTree(response.body()).get("sessionId").asString();
    sessions.add(sessionId);
    return sessionId;
  }

  private String get(String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
    return response.body();
  }

  /** The sum of a Prometheus scrape's samples whose line starts with {@code prefix} and contains {@code label}. */
  private static double sum(String scrape, String prefix, String label) {
    return scrape.lines().filter(l -> l.startsWith(prefix) && l.contains(label))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /** The session queues and exchanges and the user queues the test's pages created. */
  private void deleteBrokerObjects() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setVirtualHost(System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/"));
    try (Connection connection = factory.newConnection("e2e-cleanup")) {
      for (String sid : sessions) {
        deleteQuietly(connection, c -> c.queueDelete(Topology.sessionQueue(sid)));
        deleteQuietly(connection, c -> c.exchangeDelete(Topology.sessionExchange(sid)));
      }
      for (String pid : participants) {
        deleteQuietly(connection, c -> c.queueDelete(Topology.userQueue(pid)));
      }
    } catch (Exception e) {
      System.out.println("broker cleanup failed: " + e);
    }
  }

  /** The cluster's data and logs, kept only when the test failed. */
  private static void deleteRecursively(Path dir) throws java.io.IOException {
    if (java.nio.file.Files.exists(dir)) {
      try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private interface ChannelAction {
    void run(Channel channel) throws Exception;
  }

  /** Each deletion on its own channel: a failed one (already gone) closes only that channel. */
  private static void deleteQuietly(Connection connection, ChannelAction action) {
    try (Channel channel = connection.createChannel()) {
      action.run(channel);
    } catch (Exception e) {
      // already gone
    }
  }
}
