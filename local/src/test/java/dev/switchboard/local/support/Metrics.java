package dev.switchboard.local.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.ConfigurableApplicationContext;

/** Reads an instance's own Micrometer figures, to see which instance did the work. */
public final class Metrics {
  private Metrics() {}

  /** Commands this wrapper instance handled, whatever their type or outcome. */
  public static double commandsHandled(ConfigurableApplicationContext wrapper) {
    MeterRegistry registry = wrapper.getBean(MeterRegistry.class);
    return registry.find("switchboard.wrapper.commands").counters().stream().mapToDouble(Counter::count).sum();
  }

  /** HTTP requests this api instance served on routes whose template contains {@code fragment}. */
  public static long requestsServed(ConfigurableApplicationContext api, String fragment) {
    MeterRegistry registry = api.getBean(MeterRegistry.class);
    return registry.find("http.server.requests").timers().stream()
        .filter(t -> String.valueOf(t.getId().getTag("uri")).contains(fragment))
        .mapToLong(Timer::count).sum();
  }
}
