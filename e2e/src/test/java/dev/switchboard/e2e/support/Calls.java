package dev.switchboard.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.switchboard.contracts.Topology;
import dev.switchboard.local.browser.WebClientPage;
import dev.switchboard.medianode.browser.Browser;
import dev.switchboard.medianode.browser.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the end-to-end tests do to a running cluster through its front and to the pages of its
 * participants: create sessions, open pages, check that every page decodes every other page of
 * its session, read Prometheus scrapes, and clean the broker up afterwards. Used from the test
 * thread only (the id sets are concurrent because pages report themselves while polling).
 */
public final class Calls {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** One person: a tab of the browser, in one session. */
  public record Person(String name, String session, String tab) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final Set<String> participants = ConcurrentHashMap.newKeySet();

  /** POST /api/sessions through the front, as the application with its key; the new session's id. */
  public String createSession(String front, String applicationKey) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(front + "/api/sessions"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + applicationKey)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("create session: %s", response.body()).isEqualTo(201);
    String sessionId = JSON.readTree(response.body()).get("sessionId").asString();
    sessions.add(sessionId);
    return sessionId;
  }

  /**
   * Opens the web page of {@code name} joining {@code session} by itself, with the application key
   * in the fragment (never sent to a server), as the demo link the local run prints.
   */
  public Person open(Browser browser, String front, String applicationKey, String session, String name) {
    String url = front + "/?session=" + session + "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
        + "&autojoin=1#key=" + applicationKey;
    return new Person(name, session, browser.openTab(url));
  }

  public String get(String url) throws Exception {
    return get(url, null);
  }

  /** GETs {@code url} with {@code Authorization: Bearer <credential>} unless the credential is null. */
  public String get(String url, String credential) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (credential != null) {
      request.header("Authorization", "Bearer " + credential);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
    return response.body();
  }

  /**
   * Polls until every person decodes every other person of its session and hears them, then until
   * each of those receptions has decoded {@code moreFrames} more: video keeps flowing.
   */
  public void assertEveryoneReceivesEveryone(Browser browser, List<Person> people, String what, Duration wait,
      long moreFrames) throws Exception {
    Map<String, Long> firstFrames = new HashMap<>();
    boolean flowing = Poll.until(wait, () -> everyoneReceivesEveryone(browser, people, firstFrames, 0));
    assertThat(flowing).as("%s: every page decodes every other page of its session and receives its audio; stats %s",
        what, allStats(browser, people)).isTrue();
    Map<String, Long> sample = new HashMap<>(firstFrames);
    boolean growing = Poll.until(wait, () -> everyoneReceivesEveryone(browser, people, sample, moreFrames));
    assertThat(growing).as("%s: video keeps being decoded; first sample %s, stats %s", what, firstFrames,
        allStats(browser, people)).isTrue();
  }

  /**
   * One check: with {@code more == 0} records each reception's frames in {@code frames} and says
   * whether all have decoded something; otherwise whether each has decoded {@code more} beyond
   * the recorded figure. False as well when a page shows someone of another session.
   */
  public boolean everyoneReceivesEveryone(Browser browser, List<Person> people, Map<String, Long> frames, long more) {
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
            .max(Comparator.comparingLong(r -> WebClientPage.number(r.get("framesDecoded"))))
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
      Set<String> allowed = new HashSet<>();
      people.stream().filter(p -> p.session().equals(viewer.session())).forEach(p -> allowed.add(p.name()));
      all &= remotes.values().stream().allMatch(r -> allowed.contains(String.valueOf(r.get("name"))));
    }
    return all;
  }

  public static Map<String, Object> allStats(Browser browser, List<Person> people) {
    Map<String, Object> all = new LinkedHashMap<>();
    people.forEach(p -> all.put(p.name(), WebClientPage.stats(browser, p.tab())));
    return all;
  }

  /** The sum of a Prometheus scrape's samples whose line starts with {@code prefix} and contains {@code label}. */
  public static double sum(String scrape, String prefix, String label) {
    return scrape.lines().filter(l -> l.startsWith(prefix) && l.contains(label))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  public static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /** The session queues and exchanges and the user queues the test's pages created. */
  public void deleteBrokerObjects() {
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
  public static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
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
