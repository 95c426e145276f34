package dev.switchboard.api.auth;

import dev.switchboard.api.config.ApiProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues and checks participant tokens: base64url (no padding) of HMAC-SHA256(secret,
 * "{sid}:{pid}"); thread-safe (a fresh Mac per call, since Mac instances are not). A later issue
 * replaces this with JWT; nothing else knows the token's format.
 */
@Component
public class ParticipantTokens {
  private static final Logger log = LoggerFactory.getLogger(ParticipantTokens.class);
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;

  public ParticipantTokens(ApiProperties properties) {
    this.key = new SecretKeySpec(properties.tokenSecret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    if (properties.usesDevTokenSecret()) {
      log.warn("switchboard.api.token-secret is the development default: anyone can forge participant tokens. "
          + "Set SWITCHBOARD_API_TOKEN_SECRET to a random secret of at least 32 characters before deploying.");
    }
  }

  public String issue(String sessionId, String participantId) {
    return ENCODER.encodeToString(mac(sessionId + ":" + participantId));
  }

  /** Whether {@code token} was issued for exactly this participant of this session; constant time in the token's content. */
  public boolean verify(String sessionId, String participantId, String token) {
    if (token == null) {
      return false;
    }
    byte[] expected = issue(sessionId, participantId).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] mac(String data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }
}
