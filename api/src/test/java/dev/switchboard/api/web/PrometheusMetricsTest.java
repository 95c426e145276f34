package dev.switchboard.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.support.ApiClient.Participant;
import dev.switchboard.api.support.ApiIntegrationTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /actuator/prometheus} is served and the api's own series move: joins accepted, errors by
 * their ApiError code, the depth of the participant's queue as a poll found it, requests by route.
 */
class PrometheusMetricsTest extends ApiIntegrationTest {
  @Test
  void joinsErrorsQueueDepthAndRequestsAreScraped() {
    String before = scrape();
    String sid = newSession();
    Participant alice = join(sid, "alice");
    assertThat(api.get("/api/sessions/no-such-session", dev.switchboard.api.support.ApiClient.APPLICATION_KEY).status()).isEqualTo(404);
    assertThat(api.poll(alice, 0, 0).status()).isEqualTo(200);
    // Refused by the body-size filter from its Content-Length, before Spring MVC.
    assertThat(api.post(alice.path() + "/offers", "x".repeat(300_000), alice.token()).status()).isEqualTo(413);
    String after = scrape();

    assertThat(value(after, "switchboard_api_joins_total") - value(before, "switchboard_api_joins_total"))
        .isEqualTo(1);
    String notFound = "switchboard_api_errors_total{code=\"SESSION_NOT_FOUND\",status=\"404\"}";
    assertThat(value(after, notFound) - value(before, notFound)).isEqualTo(1);
    assertThat(after).contains("switchboard_api_errors_total{code=\"RATE_LIMITED\",status=\"429\"}");
    String tooLarge = "switchboard_api_errors_total{code=\"BODY_TOO_LARGE\",status=\"413\"}";
    assertThat(value(after, tooLarge) - value(before, tooLarge)).isEqualTo(1);
    assertThat(value(after, "switchboard_api_user_queue_depth_messages_count")
        - value(before, "switchboard_api_user_queue_depth_messages_count")).isEqualTo(1);
    assertThat(after).contains("http_server_requests_seconds_count{").contains("uri=\"/api/sessions/{sid}\"");
  }

  private String scrape() {
    var response = api.get("/actuator/prometheus", null);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  /** The sample's value, 0 when the series is absent (not yet created). */
  private static double value(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*\\})? (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
