package dev.switchboard.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's settings, immutable and validated, read from flags and environment variables
 * (flags win); {@link #SETTINGS} documents every key and default and {@link #usage()} prints them.
 *
 * @param httpHost address the api and web client listen on
 * @param httpPort port of the api and web client ({@code 0}: a free port, for tests)
 * @param dataDir folder of the embedded MongoDB file and the generated token secret
 * @param amqp which broker: {@code auto}, {@code embedded} or an {@code amqp://} URI
 * @param mongodbUri an external MongoDB, or {@code null} for the embedded one
 * @param mediaServers an external media-server pool ({@code id=ws://...,...}), or {@code null} for the embedded medianode
 * @param medianodePort WebSocket port of the embedded medianode ({@code 0}: free port)
 * @param medianodeUdpPort the embedded medianode's media UDP port ({@code 0}: free port)
 * @param wrapperPort the wrapper's actuator port ({@code 0}: free port)
 */
public record LocalConfig(
    String httpHost,
    int httpPort,
    Path dataDir,
    String amqp,
    String mongodbUri,
    String mediaServers,
    int medianodePort,
    int medianodeUdpPort,
    int wrapperPort) {

  /** One setting: its flag, environment variable, default (null: none) and meaning. */
  public record Setting(String flag, String env, String defaultValue, String meaning) {}

  public static final List<Setting> SETTINGS = List.of(
      new Setting("--http-host", "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
          "Address the api and the web client listen on (0.0.0.0 serves other hosts)."),
      new Setting("--http-port", "SWITCHBOARD_HTTP_PORT", "8080", "Port of the api and the web client."),
      new Setting("--data-dir", "SWITCHBOARD_DATA_DIR", "./data",
          "Folder of the embedded MongoDB file (mongo.mv) and the token secret; sessions survive restarts."),
      new Setting("--amqp", "SWITCHBOARD_AMQP_URI", "auto",
          "auto: RabbitMQ at 127.0.0.1:5672 when reachable, else an embedded broker; embedded: always the "
              + "embedded broker (Apache Qpid Broker-J); or an amqp://user:pass@host:port URI."),
      new Setting("--mongodb-uri", "SWITCHBOARD_MONGODB_URI", null,
          "An external MongoDB (replica set); unset: the embedded one in the data folder."),
      new Setting("--media-servers", "SWITCHBOARD_MEDIA_SERVERS", null,
          "External media servers (KMS or medianodes), id=ws://host:8888/kurento,...; unset: an embedded medianode."),
      new Setting("--medianode-port", "SWITCHBOARD_MEDIANODE_PORT", "0",
          "Kurento WebSocket port of the embedded medianode (0: a free port)."),
      new Setting("--udp-port", "SWITCHBOARD_MEDIANODE_UDP_PORT", "40000",
          "The embedded medianode's single media UDP port; browsers must reach it."),
      new Setting("--wrapper-port", "SWITCHBOARD_WRAPPER_PORT", "0", "The wrapper's actuator port (0: a free port)."));

  public LocalConfig {
    List<String> problems = new ArrayList<>();
    if (httpHost == null || httpHost.isBlank()) {
      problems.add("--http-host must not be empty");
    }
    checkPort(problems, "--http-port", httpPort);
    checkPort(problems, "--medianode-port", medianodePort);
    checkPort(problems, "--udp-port", medianodeUdpPort);
    checkPort(problems, "--wrapper-port", wrapperPort);
    if (dataDir == null) {
      problems.add("--data-dir must not be empty");
    }
    if (amqp == null || !(amqp.equals("auto") || amqp.equals("embedded") || amqp.startsWith("amqp://")
        || amqp.startsWith("amqps://"))) {
      problems.add("--amqp must be auto, embedded or an amqp:// URI, not '" + amqp + "'");
    }
    if (mongodbUri != null && !mongodbUri.startsWith("mongodb://") && !mongodbUri.startsWith("mongodb+srv://")) {
      problems.add("--mongodb-uri must start with mongodb:// or mongodb+srv://, not '" + mongodbUri + "'");
    }
    if (mediaServers != null) {
      for (String entry : mediaServers.split(",")) {
        int eq = entry.indexOf('=');
        String uri = eq > 0 ? entry.substring(eq + 1).trim() : "";
        if (eq <= 0 || !(uri.startsWith("ws://") || uri.startsWith("wss://")) || !validUri(uri)) {
          problems.add("--media-servers entry '" + entry + "' is not id=ws://host:port/path");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
  }

  /** Reads flags ({@code --key value} or {@code --key=value}) over environment variables over defaults. */
  public static LocalConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Setting s : SETTINGS) {
      String fromEnv = env.get(s.env());
      values.put(s.flag(), fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : s.defaultValue());
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!values.containsKey(flag)) {
        problems.add("unknown argument '" + arg + "' (--help lists the flags)");
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          problems.add(flag + " needs a value");
          continue;
        }
        value = args[++i];
      }
      values.put(flag, value.trim());
    }
    int httpPort = port(problems, values, "--http-port");
    int medianodePort = port(problems, values, "--medianode-port");
    int udpPort = port(problems, values, "--udp-port");
    int wrapperPort = port(problems, values, "--wrapper-port");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    String dataDir = values.get("--data-dir");
    return new LocalConfig(values.get("--http-host"), httpPort,
        dataDir == null || dataDir.isBlank() ? null : Path.of(dataDir),
        values.get("--amqp"), blankToNull(values.get("--mongodb-uri")), blankToNull(values.get("--media-servers")),
        medianodePort, udpPort, wrapperPort);
  }

  /** The flag table for {@code --help}. */
  public static String usage() {
    StringBuilder out = new StringBuilder("Usage: ./switchboard run [flags]\n\n"
        + "Starts api, wrapper and a medianode in one JVM with embedded MongoDB and, if needed, an embedded\n"
        + "AMQP broker. Every flag can also be given as an environment variable; flags win.\n\n");
    for (Setting s : SETTINGS) {
      out.append(String.format("  %-18s %-32s default: %s%n      %s%n", s.flag(), s.env(),
          s.defaultValue() == null ? "(none)" : s.defaultValue(), s.meaning()));
    }
    return out.toString();
  }

  /** The same settings with another HTTP port (tests). */
  public LocalConfig withHttpPort(int port) {
    return new LocalConfig(httpHost, port, dataDir, amqp, mongodbUri, mediaServers, medianodePort, medianodeUdpPort,
        wrapperPort);
  }

  private static int port(List<String> problems, Map<String, String> values, String flag) {
    String raw = values.get(flag);
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      problems.add(flag + " must be a port number 0-65535, not '" + raw + "'");
      return 0;
    }
  }

  private static void checkPort(List<String> problems, String flag, int port) {
    if (port < 0 || port > 65535) {
      problems.add(flag + " must be a port number 0-65535, not " + port);
    }
  }

  private static boolean validUri(String uri) {
    try {
      return URI.create(uri).getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
