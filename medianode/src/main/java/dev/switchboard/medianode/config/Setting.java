package dev.switchboard.medianode.config;

/**
 * One configuration key of the medianode: its command-line flag, its environment variable, its
 * default and what it means. The single source for {@code --help} and the docs. Immutable.
 */
public record Setting(String flag, String env, String defaultValue, String description) {
  public String flagName() {
    return "--" + flag;
  }
}
