package dev.switchboard.api.turn;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * TURN settings under {@code switchboard.api.turn}, validated at start-up (application.yaml
 * documents each key); immutable and shared between threads.
 *
 * @param uris TURN URIs handed to clients, e.g. {@code turn:turn.example.com:3478?transport=udp};
 *     empty (the default) disables TURN and clients get no ICE servers
 * @param secret the {@code static-auth-secret} shared with coturn ({@code use-auth-secret}); at least
 *     32 characters when {@code uris} is set. Never logged.
 * @param credentialTtl how long a minted credential opens the TURN server (default 1 h; coturn
 *     checks the expiry at allocation and refresh)
 */
@Validated
@ConfigurationProperties("switchboard.api.turn")
public record TurnProperties(
    @DefaultValue("") @NotNull List<String> uris,
    String secret,
    @DefaultValue("1h") @NotNull @DurationMin(minutes = 1) @DurationMax(hours = 24) Duration credentialTtl) {

  public TurnProperties {
    uris = uris == null ? List.of() : uris.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
  }

  public boolean enabled() {
    return !uris.isEmpty();
  }

  @AssertTrue(message = "switchboard.api.turn.secret must be at least 32 characters when TURN URIs are set")
  public boolean isSecretSetWhenEnabled() {
    return !enabled() || (secret != null && secret.length() >= 32);
  }

  @AssertTrue(message = "switchboard.api.turn.uris must start with turn: or turns:")
  public boolean isEveryUriTurn() {
    return uris.stream().allMatch(u -> u.startsWith("turn:") || u.startsWith("turns:"));
  }

  /** Keeps the secret out of logs and error reports that print the settings. */
  @Override
  public String toString() {
    return "TurnProperties[uris=" + uris + ", credentialTtl=" + credentialTtl + ", secretSet=" + (secret != null) + "]";
  }
}
