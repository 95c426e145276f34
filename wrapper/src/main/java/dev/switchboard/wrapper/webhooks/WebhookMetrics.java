package dev.switchboard.wrapper.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Micrometer counters of webhooks; thread-safe (the registry caches each counter).
 *
 * <p>{@code switchboard.wrapper.webhooks{type, outcome}}: POST attempts by what became of them,
 * {@code delivered} (2xx), {@code retried} (failed, queued for another attempt) or {@code failed}
 * (failed the last attempt, parked in {@code switchboard.webhooks.failed}).
 * {@code switchboard.wrapper.webhooks.emitted{type, outcome}}: events queued ({@code ok}) or that
 * could not be queued ({@code failed}: the broker refused or did not confirm).
 */
@Component
public class WebhookMetrics {
  public static final String DELIVERIES = "switchboard.wrapper.webhooks";
  public static final String EMITTED = "switchboard.wrapper.webhooks.emitted";
  public static final String DELIVERED = "delivered";
  public static final String RETRIED = "retried";
  public static final String FAILED = "failed";

  private final MeterRegistry registry;

  public WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void delivered(String type) {
    registry.counter(DELIVERIES, "type", type, "outcome", DELIVERED).increment();
  }

  void retried(String type) {
    registry.counter(DELIVERIES, "type", type, "outcome", RETRIED).increment();
  }

  void failed(String type) {
    registry.counter(DELIVERIES, "type", type, "outcome", FAILED).increment();
  }

  void emitted(String type, boolean ok) {
    registry.counter(EMITTED, "type", type, "outcome", ok ? "ok" : FAILED).increment();
  }

  /** The count of one outcome over every type, for tests and logs. */
  public double count(String outcome) {
    return registry.find(DELIVERIES).tag("outcome", outcome).counters().stream().mapToDouble(c -> c.count()).sum();
  }
}
