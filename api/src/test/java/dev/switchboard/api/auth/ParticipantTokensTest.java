package dev.switchboard.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.config.ApiProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Tokens are base64url HMAC-SHA256 of "sid:pid" and open exactly one participant of one session. */
class ParticipantTokensTest {
  private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
  private final ParticipantTokens tokens = new ParticipantTokens(properties(SECRET));

  @Test
  void aTokenIsTheUnpaddedBase64UrlHmacOfSessionAndParticipant() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal("s-1:p-1".getBytes(StandardCharsets.UTF_8)));

    assertThat(tokens.issue("s-1", "p-1")).isEqualTo(expected).hasSize(43).doesNotContain("=", "+", "/");
  }

  @Test
  void aTokenOpensOnlyItsOwnParticipantOfItsOwnSession() {
    String token = tokens.issue("s-1", "p-1");
    assertThat(tokens.verify("s-1", "p-1", token)).isTrue();
    assertThat(tokens.verify("s-1", "p-2", token)).isFalse();
    assertThat(tokens.verify("s-2", "p-1", token)).isFalse();
    assertThat(tokens.verify("s-1", "p-1", token + "A")).isFalse();
    assertThat(tokens.verify("s-1", "p-1", null)).isFalse();
    assertThat(tokens.verify("s-1", "p-1", "")).isFalse();
    // "s-1:p" + "-1" must not equal "s-1:" + "p-1" from another split: the separator can't appear in ids.
    assertThat(tokens.issue("s-1", "p-1")).isNotEqualTo(tokens.issue("s-1:p", "1"));
  }

  @Test
  void anotherSecretMakesOtherTokens() {
    ParticipantTokens other = new ParticipantTokens(properties(SECRET + "!"));
    assertThat(other.verify("s-1", "p-1", tokens.issue("s-1", "p-1"))).isFalse();
  }

  static ApiProperties properties(String secret) {
    return new ApiProperties(secret, Duration.ofSeconds(30), 100, 262144, 65536, Duration.ofSeconds(5), Duration.ofSeconds(5), null);
  }
}
