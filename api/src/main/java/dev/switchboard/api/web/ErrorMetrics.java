package dev.switchboard.api.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The counter {@code switchboard.api.errors{code, status}}: error answers by their {@code ApiError}
 * code. Every code is registered at start, so each series exists (at zero) before its first error
 * and a rate over it is defined. Thread-safe (the map is filled once, then only read).
 */
@Component
public class ErrorMetrics {
  public static final String ERRORS = "switchboard.api.errors";

  private final Map<ErrorCode, Counter> counters = new EnumMap<>(ErrorCode.class);

  public ErrorMetrics(MeterRegistry registry) {
    for (ErrorCode code : ErrorCode.values()) {
      counters.put(code, Counter.builder(ERRORS).tag("code", code.name())
          .tag("status", Integer.toString(code.status().value()))
          .description("Error answers of the api by ApiError code").register(registry));
    }
  }

  public void count(ErrorCode code) {
    counters.get(code).increment();
  }
}
