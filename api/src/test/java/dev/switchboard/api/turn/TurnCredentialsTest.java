package dev.switchboard.api.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.rest.IceServer;
import dev.switchboard.contracts.rest.IceServersResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  @Test
  void passwordIsBase64OfHmacSha1OfTheUsername() {
    // Computed independently: printf '%s' 1700003600:p1 | openssl dgst -sha1 -hmac <SECRET> -binary | base64
    assertThat(TurnCredentials.password(SECRET, "1700003600:p1")).isEqualTo("fAUskIj03+RrkfXeew28Mq6svq4=");
  }

  @Test
  void usernameCarriesTheExpiryAndTheParticipant() {
    TurnProperties properties = new TurnProperties(List.of("turn:127.0.0.1:3478?transport=udp"), SECRET,
        Duration.ofHours(1));

    IceServersResponse response = new TurnCredentials(properties, CLOCK).issue("p1");

    assertThat(response.expiresAt()).isEqualTo(1_700_003_600L);
    IceServer server = response.iceServers().getFirst();
    assertThat(server.urls()).containsExactly("turn:127.0.0.1:3478?transport=udp");
    assertThat(server.username()).isEqualTo("1700003600:p1");
    assertThat(server.credential()).isEqualTo(TurnCredentials.password(SECRET, "1700003600:p1"));
  }

  @Test
  void withoutUrisThereAreNoIceServers() {
    TurnProperties off = new TurnProperties(List.of(), null, Duration.ofHours(1));

    assertThat(new TurnCredentials(off, CLOCK).issue("p1")).isEqualTo(new IceServersResponse(List.of(), 0));
    assertThat(off.isSecretSetWhenEnabled()).isTrue();
  }

  @Test
  void enabledNeedsALongSecretAndTurnUris() {
    assertThat(new TurnProperties(List.of("turn:h:3478"), "short", Duration.ofHours(1)).isSecretSetWhenEnabled()).isFalse();
    assertThat(new TurnProperties(List.of("stun:h:3478"), SECRET, Duration.ofHours(1)).isEveryUriTurn()).isFalse();
    assertThat(new TurnProperties(List.of("turn:h:3478"), SECRET, Duration.ofHours(1)).toString()).doesNotContain(SECRET);
  }
}
