package dev.switchboard.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes one forward-compare run as {@code forward-<timestamp>.json}, {@code .md} (tables per target
 * and the medianode/Janus ratios per step) and {@code .html} (the tables plus inline SVG charts of
 * throughput, p99 latency and CPU against load). Stateless apart from its inputs.
 */
final class ForwardReport {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final String OURS = "medianode";
  private static final String PEER = "janus";

  private final ForwardLoad load;
  private final List<ForwardScenario.Outcome> outcomes;
  private final Instant started;
  private final String host;

  ForwardReport(ForwardLoad load, List<ForwardScenario.Outcome> outcomes, Instant started, String host) {
    this.load = load;
    this.outcomes = List.copyOf(outcomes);
    this.started = started;
    this.host = host;
  }

  /** Writes the three files into {@code dir}; returns the Markdown file's path. */
  Path write(Path dir) throws IOException {
    return ReportFiles.write(dir, "forward", started, json(), markdown(), html());
  }

  String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("scenario", "forward");
    root.put("started", started.toString());
    root.put("host", host);
    ObjectNode l = root.putObject("load");
    ArrayNode steps = l.putArray("publisherSteps");
    load.publisherSteps().forEach(steps::add);
    l.put("subscribersPerPublisher", load.subscribers());
    l.put("warmUpSeconds", load.warmUp().toMillis() / 1000.0);
    l.put("windowSeconds", load.window().toMillis() / 1000.0);
    l.put("audioPps", load.audioPps());
    l.put("audioBytes", load.audioBytes());
    l.put("videoBitrate", load.videoBitrate());
    l.put("fps", load.fps());
    l.put("videoBytes", load.videoBytes());
    ArrayNode targets = root.putArray("targets");
    for (ForwardScenario.Outcome o : outcomes) {
      ObjectNode t = targets.addObject();
      t.put("name", o.target());
      t.put("error", o.error());
      t.put("notes", o.notes());
      ArrayNode rs = t.putArray("steps");
      for (StepResult r : o.steps()) {
        ObjectNode s = rs.addObject();
        s.put("publishers", r.publishers());
        s.put("subscriptions", r.subscriptions());
        s.put("tracks", r.tracks());
        s.put("offeredPps", r.offeredPps());
        s.put("deliveredPps", r.deliveredPps());
        s.put("deliveredMbps", r.deliveredMbps());
        s.put("serverCores", r.serverCores());
        s.put("ppsPerCore", r.ppsPerCore());
        s.put("generatorCores", r.generatorCores());
        s.put("lossPercent", r.lossPercent());
        s.put("lost", r.lost());
        s.put("expected", r.expected());
        s.put("latencyP50Ms", r.p50Millis());
        s.put("latencyP99Ms", r.p99Millis());
        s.put("latencyMaxMs", r.maxMillis());
        s.put("serverRssMb", r.serverRssMb());
        s.put("rssPerTrackKb", r.rssPerTrackKb());
        s.put("setupMsPerPeer", r.setupMillis());
      }
    }
    ArrayNode ratios = root.putArray("ratios");
    for (Ratio r : ratios()) {
      ObjectNode s = ratios.addObject();
      s.put("publishers", r.publishers);
      s.put("deliveredPps", r.delivered);
      s.put("serverCores", r.cores);
      s.put("ppsPerCore", r.ppsPerCore);
      s.put("latencyP50", r.p50);
      s.put("latencyP99", r.p99);
      s.put("rssPerTrack", r.rss);
      s.put("lossPercentOurs", r.lossOurs);
      s.put("lossPercentJanus", r.lossPeer);
    }
    return JSON.writeValueAsString(root);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Forwarding: medianode vs Janus VideoRoom\n\n");
    md.append(header()).append("\n\n");
    for (ForwardScenario.Outcome o : outcomes) {
      md.append("## ").append(o.target()).append("\n\n");
      md.append("| pubs | subs | tracks | offered pps | delivered pps | Mbit/s | server cores | pps/core | loss % |"
          + " p50 ms | p99 ms | max ms | RSS MB | RSS KB/track | setup ms/peer | generator cores |\n");
      md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (StepResult r : o.steps()) {
        md.append(f("| %d | %d | %d | %.0f | %.0f | %.1f | %.2f | %.0f | %.3f | %.2f | %.2f | %.1f | %.0f | %.1f |"
                + " %.0f | %.2f |\n", r.publishers(), r.subscriptions(), r.tracks(), r.offeredPps(), r.deliveredPps(),
            r.deliveredMbps(), r.serverCores(), r.ppsPerCore(), r.lossPercent(), r.p50Millis(), r.p99Millis(),
            r.maxMillis(), r.serverRssMb(), r.rssPerTrackKb(), r.setupMillis(), r.generatorCores()));
      }
      if (o.error() != null) {
        md.append("\nRamp stopped: ").append(o.error()).append("\n");
      }
      if (!o.notes().isEmpty()) {
        md.append("\n").append(o.notes()).append("\n");
      }
      md.append("\n");
    }
    List<Ratio> ratios = ratios();
    if (!ratios.isEmpty()) {
      md.append("## Ratios medianode / Janus (same step, same run)\n\n");
      md.append("Above 1 is better for delivered pps and pps/core; below 1 is better for CPU, latency and"
          + " memory.\n\n");
      md.append("| pubs | delivered pps | server CPU | pps/core | p50 | p99 | RSS/track | loss % ours / Janus |\n");
      md.append("|---|---|---|---|---|---|---|---|\n");
      for (Ratio r : ratios) {
        md.append(f("| %d | %s | %s | %s | %s | %s | %s | %.3f / %.3f |\n", r.publishers, ratio(r.delivered),
            ratio(r.cores), ratio(r.ppsPerCore), ratio(r.p50), ratio(r.p99), ratio(r.rss), r.lossOurs, r.lossPeer));
      }
      md.append("\n");
    }
    md.append(notesOnMethod());
    return md.toString();
  }

  String html() {
    StringBuilder h = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\">"
        + "<title>Forwarding: medianode vs Janus</title>\n<style>body{font-family:sans-serif;max-width:1200px;"
        + "margin:1em auto}table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;"
        + "padding:2px 6px;text-align:right}pre{white-space:pre-wrap}</style></head><body>\n");
    h.append("<h1>Forwarding: medianode vs Janus VideoRoom</h1>\n<p>").append(SvgChart.escape(header()))
        .append("</p>\n");
    h.append(chart("Delivered packets/s", "publishers", "packets/s", StepResult::deliveredPps));
    h.append(chart("Latency p99 (ms)", "publishers", "ms", StepResult::p99Millis));
    h.append(chart("Server CPU (cores)", "publishers", "cores", StepResult::serverCores));
    h.append(chart("Delivered packets/s per core of server CPU", "publishers", "packets/s per core",
        StepResult::ppsPerCore));
    h.append(chart("Loss (%)", "publishers", "%", StepResult::lossPercent));
    h.append("<h2>Tables</h2>\n<pre>").append(SvgChart.escape(markdown())).append("</pre>\n</body></html>\n");
    return h.toString();
  }

  private String chart(String title, String x, String y, ToDoubleFunction<StepResult> value) {
    SvgChart chart = new SvgChart(title, x, y);
    for (ForwardScenario.Outcome o : outcomes) {
      List<double[]> points = new ArrayList<>();
      for (StepResult r : o.steps()) {
        points.add(new double[] {r.publishers(), value.applyAsDouble(r)});
      }
      chart.series(o.target(), points);
    }
    return chart.render();
  }

  private String header() {
    return f("Run %s on %s. Each step: %s publishers x %d subscribers; each publisher sends Opus-like audio"
            + " (%d pps x %d B) and VP8-like video (%.2f Mbit/s, %d fps, %d B packets, %.0f pps); %d s warm-up,"
            + " %d s measured.", started, host, load.publisherSteps(), load.subscribers(), load.audioPps(),
        load.audioBytes(), load.videoBitrate() / 1e6, load.fps(), load.videoBytes(), load.videoPps(),
        load.warmUp().toSeconds(), load.window().toSeconds());
  }

  private static String notesOnMethod() {
    return """
        Method: both servers get the same headless peers (ICE, DTLS, SRTP) in one JVM on this machine.
        medianode runs in its own JVM (kurento-client wiring), Janus 1.1 in its own process (HTTP API,
        VideoRoom, half-trickle), each in a network namespace of its own behind a veth pair (the medianode
        on 127.0.0.1 instead with --medianode-loopback; the notes say which). Loss is exact inside a window fixed
        before the first packet; latency is receive time minus the stamp in the payload, so it includes both
        peers' SRTP and socket time. Server CPU is user + system time of the server process from
        /proc/<pid>/stat; RSS/track is the server's RSS growth since before the first peer divided by
        forwarded tracks (audio and video of each subscription). The load generator shares the cores:
        compare figures within one run, not across machines.
        """;
  }

  record Ratio(int publishers, double delivered, double cores, double ppsPerCore, double p50, double p99,
                       double rss, double lossOurs, double lossPeer) {
  }

  List<Ratio> ratios() {
    ForwardScenario.Outcome ours = find(OURS);
    ForwardScenario.Outcome peer = find(PEER);
    List<Ratio> out = new ArrayList<>();
    if (ours == null || peer == null) {
      return out;
    }
    for (StepResult a : ours.steps()) {
      for (StepResult b : peer.steps()) {
        if (a.publishers() == b.publishers()) {
          out.add(new Ratio(a.publishers(), div(a.deliveredPps(), b.deliveredPps()),
              div(a.serverCores(), b.serverCores()), div(a.ppsPerCore(), b.ppsPerCore()),
              div(a.p50Millis(), b.p50Millis()), div(a.p99Millis(), b.p99Millis()),
              div(a.rssPerTrackKb(), b.rssPerTrackKb()), a.lossPercent(), b.lossPercent()));
        }
      }
    }
    return out;
  }

  private ForwardScenario.Outcome find(String name) {
    return outcomes.stream().filter(o -> o.target().equals(name)).findFirst().orElse(null);
  }

  private static double div(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }

  private static String ratio(double r) {
    return Double.isNaN(r) || Double.isInfinite(r) ? "n/a" : f("%.2f", r);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
