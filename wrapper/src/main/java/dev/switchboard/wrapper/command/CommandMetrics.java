package dev.switchboard.wrapper.command;

import dev.switchboard.contracts.bus.Command;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The Micrometer counter {@code switchboard.wrapper.commands{type, outcome, code}} of commands
 * per type and outcome; thread-safe (the registry caches each counter).
 *
 * <p>One meter name with tags, so a sum over it is "everything this instance did"; every series
 * carries the same tag keys, as Prometheus requires: {@code outcome} is handled, retried or
 * failed, and {@code code} the failure's code (OK when handled, RETRY when retried).
 */
@Component
public class CommandMetrics {
  public static final String COMMANDS = "switchboard.wrapper.commands";
  static final String HANDLED = "handled";
  static final String RETRIED = "retried";
  static final String FAILED = "failed";

  private final MeterRegistry registry;

  public CommandMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void handled(Command command) {
    count(CommandNames.of(command), HANDLED, "OK");
  }

  public void failed(Command command, String code) {
    failed(CommandNames.of(command), code);
  }

  /** For failures before the type is known (malformed messages use the type "malformed"). */
  public void failed(String type, String code) {
    count(type, FAILED, code);
  }

  public void retried(Command command) {
    count(CommandNames.of(command), RETRIED, "RETRY");
  }

  private void count(String type, String outcome, String code) {
    registry.counter(COMMANDS, "type", type, "outcome", outcome, "code", code).increment();
  }
}
