package dev.switchboard.wrapper.webhooks;

import dev.switchboard.contracts.webhooks.WebhookHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}, Stripe's
 * scheme, so a receiver checks origin, integrity and age with one comparison. Immutable and
 * thread-safe (a {@link Mac} per signature: they are cheap and not thread-safe).
 */
public final class WebhookSigner {
  static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public WebhookSigner(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The {@code Switchboard-Signature} header value for {@code body} signed at {@code unixSeconds}. */
  public String signature(long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + "," + WebhookHeaders.SCHEME + "=" + hex(unixSeconds, body);
  }

  /** The hex HMAC-SHA256 of {@code "<unixSeconds>.<body>"}. */
  public String hex(long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSigner[key=(set)]";
  }
}
