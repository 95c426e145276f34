package dev.switchboard.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.ApiIntegrationTest;
import dev.switchboard.api.support.Broker;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.bus.DrainMediaServer;
import dev.switchboard.contracts.bus.UndrainMediaServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The operator routes: guarded by the admin key, each sends its command to the wrapper queue. */
@TestPropertySource(properties = "switchboard.api.admin-key=" + AdminRoutesTest.KEY)
class AdminRoutesTest extends ApiIntegrationTest {
  static final String KEY = "test-admin-key-0123456789";

  @Test
  void drainWithTheKeySendsDrainMediaServerAndAnswers202() {
    String server = "ms-" + UUID.randomUUID().toString().substring(0, 8);

    ApiClient.Response response = api.post("/api/admin/media-servers/" + server + "/drain",
        "{\"moveSessions\": true}", KEY);

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    Broker.Received received = Broker.await(Topology.WRAPPER_QUEUE, body -> body.contains(server), Duration.ofSeconds(5));
    Command command = ApiClient.JSON.readValue(received.body(), Command.class);
    assertThat(command).isInstanceOfSatisfying(DrainMediaServer.class, drain -> {
      assertThat(drain.mediaServer()).isEqualTo(server);
      assertThat(drain.moveSessions()).isTrue();
      assertThat(drain.sessionId()).isNull();
    });
  }

  @Test
  void undrainSendsUndrainMediaServer() {
    String server = "ms-" + UUID.randomUUID().toString().substring(0, 8);

    assertThat(api.post("/api/admin/media-servers/" + server + "/undrain", null, KEY).status()).isEqualTo(202);

    Broker.Received received = Broker.await(Topology.WRAPPER_QUEUE, body -> body.contains(server), Duration.ofSeconds(5));
    assertThat(ApiClient.JSON.readValue(received.body(), Command.class)).isInstanceOf(UndrainMediaServer.class);
  }

  @Test
  void withoutOrWithAWrongKeyNothingIsSent() {
    String server = "ms-" + UUID.randomUUID().toString().substring(0, 8);

    ApiClient.Response missing = api.post("/api/admin/media-servers/" + server + "/drain", "{\"moveSessions\": false}", null);
    ApiClient.Response wrong = api.post("/api/admin/media-servers/" + server + "/drain", "{\"moveSessions\": false}",
        "not-the-key");

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.error().code()).isEqualTo("ADMIN_KEY_MISSING");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.error().code()).isEqualTo("ADMIN_KEY_INVALID");
    assertThat(wrong.body()).doesNotContain(KEY);
    assertThat(Broker.take(Topology.WRAPPER_QUEUE, body -> body.contains(server))).isEmpty();
  }
}
