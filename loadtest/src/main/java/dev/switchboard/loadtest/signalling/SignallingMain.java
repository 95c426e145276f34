package dev.switchboard.loadtest.signalling;

import dev.switchboard.loadtest.cluster.BrokerCleanup;
import dev.switchboard.local.LocalCluster;
import dev.switchboard.local.client.ApiClient;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code ./switchboard bench signalling [--rate 50] [--joins 200] [--topologies 1x1,2x1,1x2,2x2]
 * [--session-size 4] [--warmup 20] [--timeout 10] [--sweep 25,50,100] [--sweep-topologies 1x1,2x2]
 * [--amqp URI] [--out target/bench]}: for each topology (apis x wrappers, one medianode) starts the
 * local cluster as separate processes, runs the arrivals at each rate, prints a line per run and
 * writes the Markdown, JSON and HTML report.
 */
public final class SignallingMain {
  private static final String USAGE = """
      Usage: ./switchboard bench signalling [--rate 50] [--joins 200] [--topologies 1x1,2x1,1x2,2x2]
             [--session-size 4] [--warmup 20] [--timeout 10] [--sweep 25,50,100] [--sweep-topologies 1x1,2x2]
             [--amqp amqp://guest:guest@127.0.0.1:5672/VHOST] [--out target/bench]
      Joins, publishes and receives at a fixed arrival rate through the REST API and long polling on the
      local cluster (apis x wrappers, one medianode, separate processes), per topology and rate; writes
      signalling-<timestamp>.md, .json and .html into --out. Needs RabbitMQ (default 127.0.0.1:5672, vhost
      from SPRING_RABBITMQ_VIRTUALHOST). JVM options of the services: -Dswitchboard.cluster.jvm-options=...""";

  private SignallingMain() {
  }

  /** Parsed command line. */
  record Options(SignallingLoad load, List<int[]> topologies, List<Integer> sweepRates, List<int[]> sweepTopologies,
                 String amqpUri, Path out) {

    static Options parse(String[] args) {
      int rate = 50;
      int joins = 200;
      int sessionSize = 4;
      int warmUp = 20;
      Duration timeout = Duration.ofSeconds(10);
      List<int[]> topologies = topologies("1x1,2x1,1x2,2x2");
      List<Integer> sweep = List.of();
      List<int[]> sweepTopologies = topologies("1x1,2x2");
      String amqp = defaultAmqpUri();
      Path out = Path.of("target", "bench");
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--rate" -> rate = Integer.parseInt(value);
          case "--joins" -> joins = Integer.parseInt(value);
          case "--session-size" -> sessionSize = Integer.parseInt(value);
          case "--warmup" -> warmUp = Integer.parseInt(value);
          case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
          case "--topologies" -> topologies = topologies(value);
          case "--sweep" -> sweep = Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
          case "--sweep-topologies" -> sweepTopologies = topologies(value);
          case "--amqp" -> amqp = value;
          case "--out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      return new Options(new SignallingLoad(rate, joins, sessionSize, warmUp, timeout, SignallingLoad.lightMedia()),
          topologies, sweep, sweepTopologies, amqp, out);
    }

    private static List<int[]> topologies(String value) {
      List<int[]> list = new ArrayList<>();
      for (String t : value.split(",")) {
        String[] parts = t.trim().split("x");
        int apis = Integer.parseInt(parts[0]);
        int wrappers = Integer.parseInt(parts[1]);
        if (parts.length != 2 || apis < 1 || apis > 4 || wrappers < 1 || wrappers > 4) {
          throw new IllegalArgumentException("topology " + t + ": APISxWRAPPERS, 1..4 each");
        }
        list.add(new int[] {apis, wrappers});
      }
      return list;
    }
  }

  /** SWITCHBOARD_AMQP_URI, else the local RabbitMQ with the vhost of SPRING_RABBITMQ_VIRTUALHOST. */
  static String defaultAmqpUri() {
    String uri = System.getenv("SWITCHBOARD_AMQP_URI");
    if (uri != null && !uri.isBlank()) {
      return uri;
    }
    String vhost = System.getenv("SPRING_RABBITMQ_VIRTUALHOST");
    return "amqp://guest:guest@127.0.0.1:5672" + (vhost == null || vhost.isBlank() || vhost.equals("/") ? ""
        : "/" + java.net.URLEncoder.encode(vhost, java.nio.charset.StandardCharsets.UTF_8));
  }

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(USAGE);
      return;
    }
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Instant started = Instant.now();
    System.out.printf("signalling: %d joins at %d/s per topology %s, sessions of %d, warm-up %d joins%s%n",
        o.load().joins(), o.load().rate(), o.topologies().stream().map(t -> t[0] + "x" + t[1]).toList(),
        o.load().sessionSize(), o.load().warmUpJoins(), o.sweepRates().isEmpty() ? ""
            : ", sweep " + o.sweepRates() + "/s on " + o.sweepTopologies().stream().map(t -> t[0] + "x" + t[1]).toList());
    List<TopologyRun> runs = run(o, System.out::println);
    Path md = new SignallingReport(o.load(), runs, started, InetAddress.getLocalHost().getHostName(),
        serviceJvmOptions()).write(o.out());
    System.out.println("report: " + md + " (and .json, .html)");
  }

  private static void removeHook(Thread hook) {
    try {
      if (hook != null) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: the cluster is being stopped anyway
    }
  }

  /** The services' extra JVM options (switchboard.cluster.jvm-options and its per-role variants), for the report. */
  static String serviceJvmOptions() {
    return System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("switchboard.cluster.jvm-options"))
        .sorted().map(k -> k.substring("switchboard.cluster.".length()) + "=" + System.getProperty(k))
        .collect(java.util.stream.Collectors.joining(" "));
  }

  /** Every topology with its rates, each topology on a fresh cluster; a cluster that fails to start is reported. */
  static List<TopologyRun> run(Options o, Consumer<String> progress) throws Exception {
    Map<String, TreeSet<Integer>> plan = new LinkedHashMap<>();
    for (int[] t : o.topologies()) {
      plan.computeIfAbsent(t[0] + "x" + t[1], k -> new TreeSet<>()).add(o.load().rate());
    }
    for (int[] t : o.sweepTopologies()) {
      if (!o.sweepRates().isEmpty()) {
        plan.computeIfAbsent(t[0] + "x" + t[1], k -> new TreeSet<>()).addAll(o.sweepRates());
      }
    }
    Path dataRoot = Files.createTempDirectory("switchboard-signalling-");
    List<TopologyRun> runs = new ArrayList<>();
    for (Map.Entry<String, TreeSet<Integer>> e : plan.entrySet()) {
      String[] parts = e.getKey().split("x");
      int apis = Integer.parseInt(parts[0]);
      int wrappers = Integer.parseInt(parts[1]);
      ApiClient client = null;
      List<Integer> done = new ArrayList<>();
      progress.accept(e.getKey() + ": starting " + apis + " api(s), " + wrappers + " wrapper(s), 1 medianode; logs in "
          + dataRoot.resolve(e.getKey()).resolve("cluster").resolve("logs"));
      Thread stopOnExit = null;
      try (LocalCluster cluster = LocalCluster.start(new LocalCluster.Spec(apis, wrappers, 1, 0,
          dataRoot.resolve(e.getKey()), o.amqpUri()), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
        // Interrupted (Ctrl-C, timeout): the services are child processes and must not outlive this one.
        stopOnExit = new Thread(cluster::close, "signalling-cluster-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        client = new ApiClient(cluster.applicationKey());
        for (int rate : e.getValue()) {
          SignallingLoad load = o.load().atRate(rate);
          TopologyRun run = new SignallingScenario(load, progress).run(cluster, apis, wrappers, client);
          runs.add(run);
          done.add(rate);
          progress.accept(SignallingReport.line(run));
        }
      } catch (Exception ex) {
        String error = "could not run: " + ex;
        progress.accept(e.getKey() + ": " + error);
        for (int rate : e.getValue()) {
          if (!done.contains(rate)) {
            runs.add(new TopologyRun(apis, wrappers, rate, List.of(), List.of(), 0, error));
          }
        }
      } finally {
        removeHook(stopOnExit);
        int deleted = client == null ? 0 : BrokerCleanup.delete(o.amqpUri(), client.createdSessions, client.createdParticipants);
        progress.accept(e.getKey() + ": cluster stopped, " + deleted + " queue(s) deleted");
      }
    }
    return runs;
  }
}
