package dev.switchboard.local.browser;

import dev.switchboard.medianode.browser.Browser;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the web client's state from a browser tab: its debug hook {@code window.switchboardCall}
 * ({@code stats()}: per remote participant frames decoded and audio packets) and the names on its
 * grid. Shared by the local and e2e browser tests; stateless, called from the test thread.
 */
public final class WebClientPage {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final String STATS = """
      const done = arguments[arguments.length - 1];
      const call = window.switchboardCall;
      if (!call) { done(null); return; }
      call.stats().then(s => done(JSON.stringify(s)), e => done(JSON.stringify({error: String(e)})));
      """;
  private static final String TILES = """
      return [...document.querySelectorAll('#grid .tile figcaption')].map(c => c.textContent);
      """;

  private WebClientPage() {
  }

  /** The call's stats in {@code tab}; empty while the page has no call or is (re)loading. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> stats(Browser browser, String tab) {
    try {
      Object json = browser.executeAsync(tab, STATS);
      return json == null ? Map.of() : JSON.readValue((String) json, Map.class);
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  /** The per-participant part of {@link #stats}, keyed by participant id. */
  @SuppressWarnings("unchecked")
  public static Map<String, Map<String, Object>> remotes(Map<String, Object> stats) {
    Object remotes = stats.get("remotes");
    return remotes == null ? Map.of() : (Map<String, Map<String, Object>>) remotes;
  }

  /** The names on the grid's tiles in {@code tab}; empty while the page is (re)loading. */
  @SuppressWarnings("unchecked")
  public static List<String> tileNames(Browser browser, String tab) {
    try {
      Object tiles = browser.execute(tab, TILES);
      return tiles == null ? List.of() : (List<String>) tiles;
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** A JSON number as a long, 0 when absent. */
  public static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }
}
