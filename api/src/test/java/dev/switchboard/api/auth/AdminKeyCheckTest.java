package dev.switchboard.api.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.config.ApiProperties;
import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.TestApiProperties;
import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The admin key check: off without a key, constant answers with one. */
class AdminKeyCheckTest {
  @Test
  void withoutAConfiguredKeyTheRoutesAreDisabled() {
    AdminKeyCheck check = new AdminKeyCheck(properties(null));

    assertThatThrownBy(() -> check.require("Bearer anything")).isInstanceOfSatisfying(ApiException.class,
        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.ADMIN_DISABLED));
    assertThatThrownBy(() -> new AdminKeyCheck(properties("  ")).require("Bearer   "))
        .isInstanceOfSatisfying(ApiException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.ADMIN_DISABLED));
  }

  @Test
  void acceptsOnlyTheKey() {
    AdminKeyCheck check = new AdminKeyCheck(properties("s3cret"));

    assertThatCode(() -> check.require("bearer s3cret")).doesNotThrowAnyException();
    assertThatThrownBy(() -> check.require("Bearer s3cre")).isInstanceOfSatisfying(ApiException.class,
        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.ADMIN_KEY_INVALID));
    assertThatThrownBy(() -> check.require(null)).isInstanceOfSatisfying(ApiException.class,
        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.ADMIN_KEY_MISSING));
  }

  private static ApiProperties properties(String adminKey) {
    return TestApiProperties.with(ApiClient.TOKEN_SECRET, adminKey, Duration.ofMinutes(15));
  }
}
