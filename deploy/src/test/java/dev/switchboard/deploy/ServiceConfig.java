package dev.switchboard.deploy;

import dev.switchboard.medianode.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads, taken from its own sources: the environment variables its application.yaml
 * and defaults file name (${NAME:...}), or the medianode's ConfigLoader settings, plus its Spring
 * shutdown and probe settings. The manifests' env must stay within these names. Immutable.
 */
record ServiceConfig(String service, Set<String> envNames, Map<String, Object> yaml, Properties defaults) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

  /** Read by the JVM or by Spring Boot itself rather than named in our files. */
  static final Set<String> PLATFORM = Set.of("JAVA_TOOL_OPTIONS", "LOGGING_STRUCTURED_FORMAT_CONSOLE");

  static ServiceConfig spring(Path root, String service) {
    Path yamlFile = root.resolve(service + "/src/main/resources/application.yaml");
    Path defaultsFile = root.resolve(service + "/src/main/resources/dev/switchboard/" + service + "/"
        + service + "-defaults.properties");
    Set<String> names = new TreeSet<>();
    Properties defaults = new Properties();
    try {
      String yamlText = Files.readString(yamlFile);
      collect(yamlText, names);
      if (Files.exists(defaultsFile)) {
        String props = Files.readString(defaultsFile);
        collect(props, names);
        defaults.load(new java.io.StringReader(props));
      }
      return new ServiceConfig(service, withPlatform(names),
          YamlDocs.loadString(yamlText, yamlFile.toString()).getFirst(), defaults);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ServiceConfig medianode() {
    Set<String> names = new TreeSet<>();
    ConfigLoader.SETTINGS.forEach(s -> names.add(s.env()));
    return new ServiceConfig("medianode", withPlatform(names), Map.of(), new Properties());
  }

  private static Set<String> withPlatform(Set<String> names) {
    names.addAll(PLATFORM);
    return Set.copyOf(names);
  }

  private static void collect(String text, Set<String> names) {
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
  }

  /** A Spring key from application.yaml (dotted path), else the defaults file, else null. */
  String springValue(String dottedKey) {
    Object v = YamlDocs.at(yaml, dottedKey);
    if (v != null) {
      return String.valueOf(v);
    }
    return defaults.getProperty(dottedKey);
  }

  /** spring.lifecycle.timeout-per-shutdown-phase (Spring's default 30s when unset). */
  Duration shutdownPhaseTimeout() {
    String v = springValue("spring.lifecycle.timeout-per-shutdown-phase");
    return v == null ? Duration.ofSeconds(30) : parseSpringDuration(v);
  }

  static Duration parseSpringDuration(String v) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m)").matcher(v.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("unsupported duration " + v);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  static List<ServiceConfig> all(Path root) {
    return List.of(spring(root, "api"), spring(root, "wrapper"), medianode());
  }
}
