package dev.switchboard.loadtest.failover;

import dev.switchboard.loadtest.cluster.BrokerCleanup;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * {@code ./switchboard bench failover [--runs 5] [--sessions 2] [--participants 3] [--apis 2]
 * [--wrappers 2] [--medianodes 2] [--deadline-minutes 20] [--jfr] [--out target/bench]}: starts a
 * local cluster on the vhost of {@code SPRING_RABBITMQ_VIRTUALHOST}, kills the medianode holding the
 * calls {@code runs} times, prints a line per run and writes the report. {@code --jfr} records every
 * process of the cluster with JFR (profile settings) next to the cluster's logs under {@code --out};
 * {@code --wrapper-property key=value} (repeatable) gives the wrappers a Spring property, e.g.
 * {@code switchboard.wrapper.listener-concurrency=4}, and {@code --wrapper-jvm-option} a JVM option
 * (e.g. {@code -XX:ActiveProcessorCount=8}), to compare settings side by side.
 */
public final class FailoverMain {
  private static final String USAGE = """
      Usage: ./switchboard bench failover [--runs 5] [--sessions 2] [--participants 3] [--apis 2]
             [--wrappers 2] [--medianodes 2] [--deadline-minutes 20] [--jfr] [--out target/bench]
             [--wrapper-property key=value]... [--wrapper-jvm-option -XX:...]...
      Kills the medianode holding the calls --runs times and times each headless participant's way
      back (notice, re-offers answered, ICE/DTLS, first packet); writes failover-<timestamp>.md,
      .json and .html into --out. Needs RabbitMQ (vhost from SPRING_RABBITMQ_VIRTUALHOST).""";

  private FailoverMain() {
  }

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.kurento"))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.mongodb"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(USAGE);
      return;
    }
    FailoverLoad load;
    boolean jfr = Arrays.asList(args).contains("--jfr");
    StringBuilder wrapperOptions = new StringBuilder();
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--wrapper-property")) {
        wrapperOptions.append(" -D").append(args[i + 1]);
      } else if (args[i].equals("--wrapper-jvm-option")) {
        wrapperOptions.append(' ').append(args[i + 1]);
      }
    }
    try {
      load = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Instant started = Instant.now();
    Path clusterDir = load.out().resolve("failover-" + started.toString().replace(":", "").replaceAll("\\.\\d+", ""))
        .toAbsolutePath();
    if (jfr) {
      java.nio.file.Files.createDirectories(clusterDir.resolve("jfr"));
      // The wrappers' command handling is what the profile must explain; {name} keeps one file per wrapper.
      // Every process is recorded (wrappers, medianodes, MongoDB, apis): the wait inside a wrapper's offer is
      // another process's work, and {name} keeps one file per process.
      System.setProperty("switchboard.cluster.jvm-options", "-XX:StartFlightRecording=filename="
          + clusterDir.resolve("jfr") + "/{name}.jfr,settings=profile,dumponexit=true");
      // "Handled <command>" per command, with its time and thread, to line up with the profile.
      System.setProperty("switchboard.cluster.jvm-options.wrapper",
          ("-Dlogging.level.dev.switchboard.wrapper.command=DEBUG" + wrapperOptions).trim());
    } else if (!wrapperOptions.isEmpty()) {
      System.setProperty("switchboard.cluster.jvm-options.wrapper", wrapperOptions.toString().trim());
    }
    Path md = run(load, amqpUri(), clusterDir, started);
    System.out.println("report: " + md + " (and .json, .html); cluster logs" + (jfr ? " and JFR recordings" : "")
        + " under " + clusterDir);
  }

  /** Runs the benchmark and writes its report; returns the Markdown file. */
  static Path run(FailoverLoad load, String amqpUri, Path clusterDir, Instant started) throws Exception {
    String unreachable = BrokerCleanup.unreachableReason(amqpUri);
    if (unreachable != null) {
      throw new IllegalStateException(unreachable);
    }
    FailoverScenario.Outcome outcome = new FailoverScenario(load, amqpUri, System.out::println).run(clusterDir);
    return new FailoverReport(load, outcome, started, InetAddress.getLocalHost().getHostName()).write(load.out());
  }

  /** The system broker on the vhost the services are told to use (SPRING_RABBITMQ_VIRTUALHOST). */
  static String amqpUri() {
    String vhost = System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "");
    return "amqp://guest:guest@127.0.0.1:5672" + (vhost.isEmpty() || vhost.equals("/") ? "" : "/" + vhost);
  }

  static FailoverLoad parse(String[] args) {
    FailoverLoad d = FailoverLoad.defaults();
    int runs = d.runs();
    int sessions = d.sessions();
    int participants = d.participants();
    int apis = d.apis();
    int wrappers = d.wrappers();
    int medianodes = d.medianodes();
    Path out = d.out();
    Duration deadline = d.totalDeadline();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--jfr")) {
        continue;
      }
      String value = i + 1 < args.length ? args[i + 1] : "";
      try {
        switch (args[i]) {
          case "--runs" -> runs = Integer.parseInt(value);
          case "--sessions" -> sessions = Integer.parseInt(value);
          case "--participants" -> participants = Integer.parseInt(value);
          case "--apis" -> apis = Integer.parseInt(value);
          case "--wrappers" -> wrappers = Integer.parseInt(value);
          case "--medianodes" -> medianodes = Integer.parseInt(value);
          case "--deadline-minutes" -> deadline = Duration.ofMinutes(Long.parseLong(value));
          case "--out" -> out = Path.of(value);
          case "--wrapper-jvm-option" -> {
            if (!value.startsWith("-")) {
              throw new IllegalArgumentException("--wrapper-jvm-option needs a JVM option, not '" + value + "'");
            }
          }
          case "--wrapper-property" -> {
            if (!value.contains("=")) {
              throw new IllegalArgumentException("--wrapper-property needs key=value, not '" + value + "'");
            }
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(args[i] + " needs a number, not '" + value + "'");
      }
      i++;
    }
    return new FailoverLoad(runs, sessions, participants, apis, wrappers, medianodes, out, d.recoveryWait(), deadline);
  }
}
