package dev.switchboard.medianode.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link MediaNodeConfig} from command-line flags (which win) and environment variables,
 * reporting every invalid value at once. Stateless.
 */
public final class ConfigLoader {
  public static final List<Setting> SETTINGS = List.of(
      new Setting("host", "MEDIANODE_HOST", "127.0.0.1",
          "Address the Kurento JSON-RPC WebSocket listens on. Use a private address (the pod IP) to serve other hosts, with a secret."),
      new Setting("port", "MEDIANODE_PORT", "8888", "TCP port of the Kurento JSON-RPC WebSocket."),
      new Setting("path", "MEDIANODE_PATH", "kurento", "WebSocket path: clients connect to ws://HOST:PORT/PATH."),
      new Setting("announced-ip", "MEDIANODE_ANNOUNCED_IP", "",
          "Comma-separated addresses put in ICE candidates (public or pod IP). Empty: this host's interface addresses."),
      new Setting("udp-port", "MEDIANODE_UDP_PORT", "40000",
          "The single UDP port shared by every WebRtcEndpoint of this node (candidates carry it); 0 picks a free one."),
      new Setting("udp-bind-address", "MEDIANODE_UDP_BIND_ADDRESS", "",
          "Address the media UDP port binds to. Empty: every interface (tests put a relay in front of a loopback one)."),
      new Setting("gc-period", "MEDIANODE_GC_PERIOD_SECONDS", "240",
          "Seconds a session may stay without a socket before the objects only it references are released (KMS default 240)."),
      new Setting("max-message-bytes", "MEDIANODE_MAX_MESSAGE_BYTES", "1000000",
          "Largest JSON-RPC message accepted; larger ones are answered with an error and discarded."),
      new Setting("max-remote-candidates", "MEDIANODE_MAX_REMOTE_CANDIDATES", "100",
          "Remote ICE candidates accepted per WebRtcEndpoint; more are refused with ICE_ADD_CANDIDATE_ERROR."),
      new Setting("max-objects", "MEDIANODE_MAX_OBJECTS", "100000",
          "Media objects held at most; creating more fails with NOT_ENOUGH_RESOURCES."),
      new Setting("secret", "MEDIANODE_SECRET", "",
          "Shared secret (16+ characters) clients must send to open the Kurento WebSocket: ?secret= or a Bearer header. Empty: none."),
      new Setting("secret-file", "MEDIANODE_SECRET_FILE", "",
          "File holding the secret (e.g. a mounted Kubernetes Secret), instead of --secret."),
      new Setting("drain-timeout", "MEDIANODE_DRAIN_TIMEOUT_SECONDS", "30",
          "On SIGTERM: seconds the node stays up, not ready (GET /ready answers 503), while pipelines remain; 0 exits at once."));

  private ConfigLoader() {}

  public static MediaNodeConfig load(String[] args, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    for (Setting s : SETTINGS) {
      values.put(s.flag(), env.getOrDefault(s.env(), s.defaultValue()));
    }
    readFlags(args, values, problems);

    String host = values.get("host").trim();
    checkAddress("host", host, problems);
    int port = intValue("port", values, 0, 65535, problems);
    String path = values.get("path").trim();
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (path.isEmpty() || !path.matches("[A-Za-z0-9._~/-]+")) {
      problems.add("path: '" + values.get("path") + "' must be a non-empty URL path");
    }
    List<String> announced = Arrays.stream(values.get("announced-ip").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    announced.forEach(a -> checkAddress("announced-ip", a, problems));
    int udpPort = intValue("udp-port", values, 0, 65535, problems);
    String udpBind = values.get("udp-bind-address").trim();
    if (!udpBind.isEmpty()) {
      checkAddress("udp-bind-address", udpBind, problems);
    }
    int gc = intValue("gc-period", values, 1, 86_400, problems);
    int maxMessage = intValue("max-message-bytes", values, 1024, 64 * 1024 * 1024, problems);
    int maxCandidates = intValue("max-remote-candidates", values, 1, 10_000, problems);
    int maxObjects = intValue("max-objects", values, 1, 10_000_000, problems);
    String secret = secret(values, problems);
    int drainTimeout = intValue("drain-timeout", values, 0, 86_400, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new MediaNodeConfig(host, port, path, announced, udpPort, Duration.ofSeconds(gc), maxMessage,
        maxCandidates, maxObjects, udpBind, secret, Duration.ofSeconds(drainTimeout));
  }

  /** The secret from --secret or --secret-file (not both); its value is never echoed in a problem. */
  private static String secret(Map<String, String> values, List<String> problems) {
    String inline = values.get("secret");
    String file = values.get("secret-file").trim();
    if (!inline.isEmpty() && !file.isEmpty()) {
      problems.add("secret: give --secret or --secret-file, not both");
      return "";
    }
    String secret = inline;
    if (!file.isEmpty()) {
      try {
        secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException | RuntimeException e) {
        problems.add("secret-file: cannot read '" + file + "' (" + e.getClass().getSimpleName() + ")");
        return "";
      }
    }
    if (!secret.isEmpty() && secret.length() < 16) {
      problems.add("secret: must be at least 16 characters");
    }
    if (secret.chars().anyMatch(c -> c <= ' ' || c == '&' || c == '#' || c == '%' || c > '~')) {
      problems.add("secret: use printable ASCII without spaces, '&', '#' or '%' (it travels in a URL query)");
    }
    return secret;
  }

  private static void readFlags(String[] args, Map<String, String> values, List<String> problems) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        problems.add("unexpected argument '" + arg + "' (flags look like --port 8888)");
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!values.containsKey(name)) {
        problems.add("unknown flag --" + name + " (see --help)");
        if (value == null && i + 1 < args.length && !args[i + 1].startsWith("--")) {
          i++; // its value, so it is not reported a second time
        }
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          problems.add("--" + name + " needs a value");
          continue;
        }
        value = args[++i];
      }
      values.put(name, value);
    }
  }

  private static int intValue(String key, Map<String, String> values, int min, int max, List<String> problems) {
    String raw = values.get(key).trim();
    try {
      int v = Integer.parseInt(raw);
      if (v < min || v > max) {
        problems.add(key + ": " + v + " is outside " + min + ".." + max);
      }
      return v;
    } catch (NumberFormatException e) {
      problems.add(key + ": '" + raw + "' is not a number");
      return min;
    }
  }

  /** Literal IP addresses only: a name would make start-up depend on DNS. */
  private static void checkAddress(String key, String value, List<String> problems) {
    boolean literal = value.matches("[0-9.]+") || value.contains(":");
    if (!literal) {
      problems.add(key + ": '" + value + "' must be a literal IPv4 or IPv6 address");
      return;
    }
    try {
      InetAddress.ofLiteral(value);
    } catch (IllegalArgumentException e) {
      problems.add(key + ": '" + value + "' is not a valid IP address");
    }
  }

  /** The {@code --help} text: every flag, its variable and its default. */
  public static String help() {
    StringBuilder out = new StringBuilder();
    out.append("Switchboard medianode: a Kurento-compatible SFU.\n\n")
        .append("Usage: java -jar medianode.jar [--flag value]...\n\n")
        .append("Every flag can also be set with its environment variable; flags win.\n\n");
    for (Setting s : SETTINGS) {
      out.append(String.format("  %-26s %-33s default: %s%n", s.flagName(), s.env(),
          s.defaultValue().isEmpty() ? "(none)" : s.defaultValue()));
      out.append("      ").append(s.description()).append('\n');
    }
    out.append("  --help                     print this text\n");
    return out.toString();
  }
}
