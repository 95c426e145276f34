package dev.switchboard.api.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.ApiClient.Participant;
import dev.switchboard.api.support.ApiIntegrationTest;
import dev.switchboard.contracts.rest.IceServer;
import dev.switchboard.contracts.rest.IceServersResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The ice-servers route: only the participant's own token gets its credential, never cached. */
@TestPropertySource(properties = {
    "switchboard.api.turn.uris=turn:127.0.0.1:3478?transport=udp",
    "switchboard.api.turn.secret=" + IceServersRouteTest.SECRET,
    "switchboard.api.turn.credential-ttl=10m"})
class IceServersRouteTest extends ApiIntegrationTest {
  static final String SECRET = "turn-test-secret-0123456789abcdefghij";

  @Test
  void theParticipantGetsACredentialBoundToItsIdThatExpiresWithTheTtl() {
    String sid = newSession();
    Participant alice = join(sid, "alice");
    long now = clock.instant().getEpochSecond();

    ApiClient.Response response = api.get(alice.path() + "/ice-servers", alice.token());

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.raw().headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    IceServersResponse body = response.as(IceServersResponse.class);
    assertThat(body.expiresAt()).isEqualTo(now + 600);
    IceServer server = body.iceServers().getFirst();
    assertThat(server.urls()).containsExactly("turn:127.0.0.1:3478?transport=udp");
    assertThat(server.username()).isEqualTo((now + 600) + ":" + alice.participantId());
    assertThat(server.credential()).isEqualTo(TurnCredentials.password(SECRET, server.username()));
    assertThat(response.body()).doesNotContain(SECRET);
  }

  @Test
  void anotherParticipantsTokenOrNoneIsRefused() {
    String sid = newSession();
    Participant alice = join(sid, "alice");
    Participant bob = join(sid, "bob");

    ApiClient.Response withBobsToken = api.get(alice.path() + "/ice-servers", bob.token());
    ApiClient.Response withoutToken = api.get(alice.path() + "/ice-servers", null);

    assertThat(withBobsToken.status()).isEqualTo(403);
    assertThat(withBobsToken.body()).doesNotContain("credential");
    assertThat(withoutToken.status()).isEqualTo(401);
  }
}
