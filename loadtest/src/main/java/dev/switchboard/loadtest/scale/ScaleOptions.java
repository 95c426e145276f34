package dev.switchboard.loadtest.scale;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale scenario's settings, parsed from the command line: the cumulative session steps, idle
 * participants per session, the wrapper counts (a fresh cluster each), api instances, request
 * concurrency, time bounds, the wrappers' and apis' heap, the broker's open-files limit and the
 * report folder. Immutable.
 */
public record ScaleOptions(List<Integer> sessionSteps, int participants, List<Integer> wrapperCounts, int apis,
                           int concurrency, Duration maxTime, Duration stepTime, Duration idleWindow,
                           String serviceHeap, int brokerMaxOpenFiles, boolean keepUnread, boolean profile,
                           Path out) {
  public static final String USAGE = """
      Usage: ./switchboard bench scale [--sessions 100,1000,10000] [--participants 4] [--wrappers 1,2]
             [--apis 1] [--concurrency 32] [--max-seconds 3600] [--step-seconds 1200] [--idle-seconds 10]
             [--heap 2g] [--broker-nofile 200000] [--keep-unread] [--profile] [--out target/bench]
      Starts a scratch RabbitMQ node (its own folder and ports, raised open-files limit) and, for each
      wrapper count, a fresh local cluster; ramps up to each step's number of sessions with that many
      idle participants each (REST joins, each confirmed by polling until the participant knows
      the others, then acknowledged so its queue is empty; --keep-unread leaves those messages
      unread), then measures memory, heap after
      a GC, idle CPU, queues, consumers, channels, connections, broker memory and MongoDB size. A step
      that times out or fails stops the ramp and is reported as the largest load held. --profile
      records JFR in every service and a class histogram of each wrapper at each step. Writes
      scale-<timestamp>.md, .json and .html into --out.""";

  public ScaleOptions {
    sessionSteps = List.copyOf(sessionSteps);
    wrapperCounts = List.copyOf(wrapperCounts);
    for (int i = 1; i < sessionSteps.size(); i++) {
      if (sessionSteps.get(i) <= sessionSteps.get(i - 1)) {
        throw new IllegalArgumentException("--sessions must increase (steps are cumulative)");
      }
    }
    if (sessionSteps.isEmpty() || sessionSteps.getFirst() < 1 || participants < 1 || apis < 1 || concurrency < 1
        || wrapperCounts.isEmpty() || wrapperCounts.stream().anyMatch(w -> w < 1)) {
      throw new IllegalArgumentException("sessions, participants, wrappers, apis and concurrency must be positive");
    }
  }

  public static ScaleOptions parse(String[] args) {
    List<Integer> sessions = List.of(100, 1000, 10000);
    int participants = 4;
    List<Integer> wrappers = List.of(1, 2);
    int apis = 1;
    int concurrency = 32;
    int maxSeconds = 3600;
    int stepSeconds = 1200;
    int idleSeconds = 10;
    String heap = "2g";
    int nofile = 200_000;
    boolean profile = false;
    boolean keepUnread = false;
    Path out = Path.of("target", "bench");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--profile") || a.equals("--keep-unread")) {
        profile |= a.equals("--profile");
        keepUnread |= a.equals("--keep-unread");
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--sessions" -> sessions = ints(v);
        case "--participants" -> participants = Integer.parseInt(v);
        case "--wrappers" -> wrappers = ints(v);
        case "--apis" -> apis = Integer.parseInt(v);
        case "--concurrency" -> concurrency = Integer.parseInt(v);
        case "--max-seconds" -> maxSeconds = Integer.parseInt(v);
        case "--step-seconds" -> stepSeconds = Integer.parseInt(v);
        case "--idle-seconds" -> idleSeconds = Integer.parseInt(v);
        case "--heap" -> heap = v;
        case "--broker-nofile" -> nofile = Integer.parseInt(v);
        case "--out" -> out = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return new ScaleOptions(sessions, participants, wrappers, apis, concurrency, Duration.ofSeconds(maxSeconds),
        Duration.ofSeconds(stepSeconds), Duration.ofSeconds(idleSeconds), heap, nofile, keepUnread, profile, out);
  }

  private static List<Integer> ints(String csv) {
    List<Integer> values = new ArrayList<>();
    for (String part : csv.split(",")) {
      values.add(Integer.parseInt(part.trim()));
    }
    return values;
  }
}
