package dev.switchboard.api.auth;

import dev.switchboard.api.config.ApiProperties;
import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/**
 * Checks the operator's {@code Authorization: Bearer <admin key>} header against
 * {@code switchboard.api.admin-key}; stateless, thread-safe. The key is compared in constant
 * time and never logged or echoed.
 */
@Component
public class AdminKeyCheck {
  private final byte[] key;

  public AdminKeyCheck(ApiProperties properties) {
    this.key = properties.adminEnabled() ? properties.adminKey().getBytes(StandardCharsets.UTF_8) : null;
  }

  /** Throws the ApiException to answer unless the header carries the admin key. */
  public void require(String authorization) {
    if (key == null) {
      throw new ApiException(ErrorCode.ADMIN_DISABLED,
          "The admin routes are disabled: set switchboard.api.admin-key to enable them");
    }
    String credential = Bearer.credential(authorization);
    if (credential == null) {
      throw new ApiException(ErrorCode.ADMIN_KEY_MISSING, "Send the admin key as 'Authorization: Bearer <key>'");
    }
    byte[] given = credential.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, key)) {
      throw new ApiException(ErrorCode.ADMIN_KEY_INVALID, "The admin key is not valid");
    }
  }
}
