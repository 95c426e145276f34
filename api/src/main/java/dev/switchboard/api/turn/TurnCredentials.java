package dev.switchboard.api.turn;

import dev.switchboard.contracts.rest.IceServer;
import dev.switchboard.contracts.rest.IceServersResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Mints time-limited TURN credentials by the TURN REST API scheme that coturn's
 * {@code use-auth-secret} checks (draft-uberti-behave-turn-rest-00 §2.2): the username is
 * {@code <expiry Unix seconds>:<participant id>} and the password is
 * {@code base64(HMAC-SHA1(secret, username))}, so the TURN server needs no user database and a
 * leaked credential dies at its expiry. Stateless and thread-safe.
 */
@Component
public class TurnCredentials {
  private final TurnProperties properties;
  private final Clock clock;

  public TurnCredentials(TurnProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** The ICE servers for {@code participantId}; none when TURN is not configured. */
  public IceServersResponse issue(String participantId) {
    if (!properties.enabled()) {
      return new IceServersResponse(List.of(), 0);
    }
    long expiresAt = clock.instant().plus(properties.credentialTtl()).getEpochSecond();
    String username = expiresAt + ":" + participantId;
    return new IceServersResponse(
        List.of(new IceServer(properties.uris(), username, password(properties.secret(), username))), expiresAt);
  }

  /** {@code base64(HMAC-SHA1(secret, username))}, as coturn computes it. */
  static String password(String secret, String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }
}
