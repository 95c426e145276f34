package dev.switchboard.api.support;

import dev.switchboard.api.config.ApiProperties;
import java.time.Duration;

/** ApiProperties with the documented defaults and the test secrets, for unit tests without Spring; stateless. */
public final class TestApiProperties {
  /** The default of switchboard.api.token-clock-skew. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private TestApiProperties() {}

  public static ApiProperties defaults() {
    return with(ApiClient.TOKEN_SECRET, null, Duration.ofMinutes(15));
  }

  public static ApiProperties with(String tokenSecret, String adminKey, Duration tokenTtl) {
    return new ApiProperties(tokenSecret, Duration.ofSeconds(30), 100, 262144, 65536, Duration.ofSeconds(5),
        Duration.ofSeconds(5), adminKey, ApiClient.APPLICATION_KEY, tokenTtl, CLOCK_SKEW);
  }
}
