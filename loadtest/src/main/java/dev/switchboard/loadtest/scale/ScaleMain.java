package dev.switchboard.loadtest.scale;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./switchboard bench scale}: for each wrapper count, a scratch broker and a fresh local
 * cluster ramped through the session steps (see {@link ScaleOptions#USAGE}); prints progress and a
 * line per step, and writes the report. The whole run is bounded by {@code --max-seconds}.
 */
public final class ScaleMain {
  private ScaleMain() {
  }

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(ScaleOptions.USAGE);
      return;
    }
    ScaleOptions options;
    try {
      options = ScaleOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(ScaleOptions.USAGE);
      System.exit(2);
      return;
    }
    Path md = run(options);
    System.out.println("report: " + md + " (and .json, .html)");
  }

  /** Runs every wrapper count in turn and writes the report into {@code --out}; returns the Markdown path. */
  public static Path run(ScaleOptions options) throws Exception {
    // The MongoDB driver logs every client at INFO; the progress lines are what matters here.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.mongodb"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    Instant started = Instant.now();
    long deadline = System.nanoTime() + options.maxTime().toNanos();
    System.out.printf("scale: steps %s sessions x %d idle participants, wrappers %s, %d api(s), at most %d s%n",
        options.sessionSteps(), options.participants(), options.wrapperCounts(), options.apis(),
        options.maxTime().toSeconds());
    Path work = options.out().resolve("scale-work-" + started.toEpochMilli()).toAbsolutePath();
    ScaleScenario scenario = new ScaleScenario(options, work, System.out);
    List<ScaleScenario.Outcome> outcomes = new ArrayList<>();
    for (int wrappers : options.wrapperCounts()) {
      outcomes.add(scenario.run(wrappers, deadline));
    }
    return new ScaleReport(options, outcomes, started, InetAddress.getLocalHost().getHostName()).write(options.out());
  }
}
