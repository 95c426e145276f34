package dev.switchboard.medianode.config;

import java.util.List;

/** The configuration is invalid; carries every problem found, not only the first. Immutable. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("Invalid medianode configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
