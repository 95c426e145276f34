package dev.switchboard.wrapper.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signature against a vector computed independently (openssl dgst -sha256 -hmac), as docs/webhooks.md shows. */
class WebhookSignerTest {
  private static final String SECRET = "whsec-0123456789abcdef0123456789abcdef";
  private static final byte[] BODY = "{\"type\":\"sessionStarted\",\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsTimestampDotBodyWithHmacSha256() {
    // printf '%s' '1767261600.{"type":"sessionStarted","id":"x"}' | openssl dgst -sha256 -hmac "$SECRET"
    assertThat(new WebhookSigner(SECRET).signature(1_767_261_600L, BODY))
        .isEqualTo("t=1767261600,v1=f33c40dba64c38076a2ea4066965eaeb87722821cdcc85583a74440076d49bd0");
  }

  @Test
  void anotherTimestampBodyOrSecretGivesAnotherSignature() {
    WebhookSigner signer = new WebhookSigner(SECRET);
    String reference = signer.hex(1_767_261_600L, BODY);
    assertThat(signer.hex(1_767_261_601L, BODY)).isNotEqualTo(reference);
    assertThat(signer.hex(1_767_261_600L, "{}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(reference);
    assertThat(new WebhookSigner(SECRET + "x").hex(1_767_261_600L, BODY)).isNotEqualTo(reference);
  }

  @Test
  void neverShowsTheSecret() {
    assertThat(new WebhookSigner(SECRET).toString()).doesNotContain(SECRET);
  }
}
