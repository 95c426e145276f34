package dev.switchboard.api.auth;

import dev.switchboard.api.config.ApiProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/**
 * Tells whether a bearer credential is the application's key ({@code switchboard.api.application-key}),
 * the credential of the application's backend that creates sessions and joins participants;
 * compared in constant time, never logged. Stateless, thread-safe.
 */
@Component
public class ApplicationKeyCheck {
  private final byte[] key;

  public ApplicationKeyCheck(ApiProperties properties) {
    this.key = properties.applicationKey().getBytes(StandardCharsets.UTF_8);
  }

  public boolean matches(String credential) {
    return credential != null && MessageDigest.isEqual(credential.getBytes(StandardCharsets.UTF_8), key);
  }
}
