package dev.switchboard.loadtest;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./switchboard bench forward-compare [--publishers 1,2,4] [--subscribers 3] [--seconds 5]
 * [--warmup 2] [--video-kbps 1200] [--fps 30] [--video-bytes 1100] [--targets medianode,janus]
 * [--medianode-loopback] [--out target/bench]}: runs the forwarding ramp on each target in turn (a
 * fresh server each), prints a line per step, and writes the JSON, Markdown and HTML report. The
 * medianode runs in a network namespace like Janus unless {@code --medianode-loopback} (or when
 * namespaces are unavailable, i.e. not root).
 */
public final class ForwardCompareMain {
  private static final String USAGE = """
      Usage: ./switchboard bench forward-compare [--publishers 1,2,4] [--subscribers 3] [--seconds 5]
             [--warmup 2] [--video-kbps 1200] [--fps 30] [--video-bytes 1100] [--targets medianode,janus]
             [--medianode-loopback] [--out target/bench]
      Runs the same forwarding ramp against each target (a fresh server each, in a network namespace)
      and writes forward-<timestamp>.md, .json and .html into --out. Needs root and the janus package.""";

  private ForwardCompareMain() {
  }

  public static void main(String[] args) throws Exception {
    // kurento-client logs every connection at INFO; the step lines are what matters here.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.kurento"))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
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
    ForwardLoad load = o.load();
    Instant started = Instant.now();
    System.out.printf("forward-compare: steps %s publishers x %d subscribers, %d s warm-up + %d s per step,"
            + " targets %s%n", load.publisherSteps(), load.subscribers(), load.warmUp().toSeconds(),
        load.window().toSeconds(), o.targets);
    boolean isolated = !o.medianodeLoopback && JanusHarness.namespaceUnavailableReason() == null;
    List<ForwardScenario.Outcome> outcomes = run(load, o.targets, isolated);
    Path md = new ForwardReport(load, outcomes, started, InetAddress.getLocalHost().getHostName()).write(o.out);
    System.out.println("report: " + md + " (and .json, .html)");
  }

  /**
   * Runs the ramp on each named target, a fresh server for each; a target that fails to start is
   * reported. {@code medianodeIsolated} puts the medianode in a network namespace, as Janus is.
   */
  static List<ForwardScenario.Outcome> run(ForwardLoad load, List<String> targets, boolean medianodeIsolated) {
    List<ForwardScenario.Outcome> outcomes = new ArrayList<>();
    ForwardScenario scenario = new ForwardScenario(load, System.out::println);
    for (String name : targets) {
      try (ForwardTarget target = start(name, medianodeIsolated)) {
        outcomes.add(scenario.run(target));
      } catch (Exception e) {
        String error = "could not start: " + e.getMessage();
        System.out.println(name + ": " + error);
        outcomes.add(new ForwardScenario.Outcome(name, List.of(), error, ""));
      }
    }
    return outcomes;
  }

  static ForwardTarget start(String name, boolean medianodeIsolated) throws Exception {
    return switch (name) {
      case "medianode" -> MediaNodeTarget.start(medianodeIsolated);
      case "janus" -> JanusTarget.start();
      default -> throw new IllegalArgumentException("unknown target " + name + " (medianode, janus)");
    };
  }

  /** Command-line options with the defaults of {@link ForwardLoad#defaults()}. */
  private record Options(ForwardLoad load, List<String> targets, Path out, boolean medianodeLoopback) {

    static Options parse(String[] args) {
      ForwardLoad d = ForwardLoad.defaults();
      List<Integer> steps = d.publisherSteps();
      int subscribers = d.subscribers();
      Duration window = d.window();
      Duration warmUp = d.warmUp();
      int videoBitrate = d.videoBitrate();
      int fps = d.fps();
      int videoBytes = d.videoBytes();
      List<String> targets = List.of("medianode", "janus");
      Path out = Path.of("target", "bench");
      boolean loopback = false;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--medianode-loopback")) {
          loopback = true;
          continue;
        }
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--publishers" ->
              steps = Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
          case "--subscribers" -> subscribers = Integer.parseInt(value);
          case "--seconds" -> window = Duration.ofSeconds(Long.parseLong(value));
          case "--warmup" -> warmUp = Duration.ofSeconds(Long.parseLong(value));
          case "--video-kbps" -> videoBitrate = Integer.parseInt(value) * 1000;
          case "--fps" -> fps = Integer.parseInt(value);
          case "--video-bytes" -> videoBytes = Integer.parseInt(value);
          case "--targets" -> targets = Arrays.stream(value.split(",")).map(String::trim).toList();
          case "--out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      return new Options(new ForwardLoad(steps, subscribers, warmUp, window, d.audioPps(), d.audioBytes(),
          videoBitrate, fps, videoBytes, d.connectTimeout()), targets, out, loopback);
    }
  }
}
