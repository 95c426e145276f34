package dev.switchboard.wrapper.config;

import jakarta.validation.constraints.AssertTrue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The medianodes' shared secret under {@code switchboard.wrapper.media-server-auth}, validated at
 * start-up; immutable. kurento-client cannot send headers, so the secret travels as the
 * {@code secret} query parameter of the WebSocket URL (a Kurento Media Server ignores it).
 *
 * @param secret the medianodes' {@code MEDIANODE_SECRET}; unset (the default) sends none. From
 *     {@code SWITCHBOARD_MEDIA_SERVER_SECRET} or a file {@code switchboard.wrapper.media-server-auth.secret}
 *     in {@code SWITCHBOARD_SECRETS_DIR}. Never logged.
 */
@Validated
@ConfigurationProperties("switchboard.wrapper.media-server-auth")
public record MediaServerAuthProperties(String secret) {

  public boolean enabled() {
    return secret != null && !secret.isBlank();
  }

  @AssertTrue(message = "switchboard.wrapper.media-server-auth.secret must be 16+ printable ASCII characters "
      + "without spaces, '&', '#' or '%'")
  public boolean isSecretUsable() {
    return !enabled() || (secret.length() >= 16 && secret.chars().allMatch(c -> c > ' ' && c <= '~'
        && c != '&' && c != '#' && c != '%'));
  }

  /** {@code uri} with the secret added to its query; unchanged when there is no secret. */
  public URI authenticate(URI uri) {
    if (!enabled()) {
      return uri;
    }
    String text = uri.toString();
    String parameter = "secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return URI.create(text + (uri.getRawQuery() == null ? "?" : "&") + parameter);
  }

  @Override
  public String toString() {
    return "MediaServerAuthProperties[secret=" + (enabled() ? "(set)" : "(none)") + "]";
  }
}
