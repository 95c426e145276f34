package dev.switchboard.wrapper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MediaServerAuthPropertiesTest {
  private static final String SECRET = "wrapper-side-secret-0123456789";

  @Test
  void theSecretIsAddedToTheQuery() {
    MediaServerAuthProperties auth = new MediaServerAuthProperties(SECRET);

    assertThat(auth.authenticate(URI.create("ws://10.0.0.5:8888/kurento")))
        .hasToString("ws://10.0.0.5:8888/kurento?secret=" + SECRET);
    assertThat(auth.authenticate(URI.create("wss://h:443/kurento?x=1")))
        .hasToString("wss://h:443/kurento?x=1&secret=" + SECRET);
    assertThat(auth.toString()).doesNotContain(SECRET);
  }

  @Test
  void withoutASecretTheUriIsUnchanged() {
    MediaServerAuthProperties none = new MediaServerAuthProperties(null);

    assertThat(none.authenticate(URI.create("ws://h:8888/kurento"))).hasToString("ws://h:8888/kurento");
    assertThat(none.isSecretUsable()).isTrue();
  }

  @Test
  void shortOrUnsafeSecretsAreRefused() {
    assertThat(new MediaServerAuthProperties("short").isSecretUsable()).isFalse();
    assertThat(new MediaServerAuthProperties("has&ampersand-0123456789").isSecretUsable()).isFalse();
    assertThat(new MediaServerAuthProperties("has space 0123456789xx").isSecretUsable()).isFalse();
    assertThat(new MediaServerAuthProperties(SECRET).isSecretUsable()).isTrue();
  }
}
