package dev.switchboard.api.web;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes unguessable session, participant and lease-owner ids: 128 random bits as 22 base64url
 * characters, valid for {@code Topology.isValidId}; thread-safe (SecureRandom is).
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Ids() {}

  public static String random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
