package dev.switchboard.loadtest.scale;

import dev.switchboard.loadtest.ReportFiles;
import dev.switchboard.loadtest.SvgChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one scale run as {@code scale-<timestamp>.json} (every reading), {@code .md} (a table per
 * wrapper count and the marginal cost per 1,000 sessions) and {@code .html} (charts of each metric
 * against sessions, one line per wrapper count, then the tables). Stateless apart from its inputs.
 */
final class ScaleReport {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** A metric of a step, as charted and tabled. */
  record Metric(String title, String unit, ToDoubleFunction<ScaleStep> value) {}

  static final List<Metric> METRICS = List.of(
      new Metric("Wrapper heap after GC (per instance)", "MB", s -> s.mean("wrapper-", r -> r.heapUsedMb())),
      new Metric("Wrapper RSS (per instance)", "MB", s -> s.mean("wrapper-", r -> r.rssMb())),
      new Metric("api heap after GC (per instance)", "MB", s -> s.mean("api-", r -> r.heapUsedMb())),
      new Metric("medianode heap after GC", "MB", s -> s.mean("medianode-", r -> r.heapUsedMb())),
      new Metric("MongoDB (mongo-java-server) heap after GC", "MB", s -> s.mean("mongo", r -> r.heapUsedMb())),
      new Metric("MongoDB data (sum of BSON sizes)", "MB", s -> s.mongoBytes() / 1e6),
      new Metric("RabbitMQ memory (Erlang)", "MB", s -> s.broker().erlangMemoryBytes() / 1e6),
      new Metric("RabbitMQ RSS", "MB", s -> s.broker().rssBytes() / 1e6),
      new Metric("RabbitMQ open files", "fds", s -> s.broker().fileDescriptors()),
      new Metric("Queues", "queues", s -> s.broker().sessionQueues() + s.broker().userQueues()
          + s.broker().otherQueues()),
      new Metric("Consumers on session queues", "consumers", s -> s.broker().sessionConsumers()),
      new Metric("AMQP channels", "channels", s -> s.broker().channels()),
      new Metric("AMQP connections", "connections", s -> s.broker().connections()),
      new Metric("Idle CPU, all processes", "% of a core", s -> s.sum("", r -> r.idleCpuPercent())),
      new Metric("Idle CPU, wrappers", "% of a core", s -> s.sum("wrapper-", r -> r.idleCpuPercent())),
      new Metric("Time to create the step", "s", ScaleStep::createSeconds));

  private final ScaleOptions options;
  private final List<ScaleScenario.Outcome> outcomes;
  private final Instant started;
  private final String host;

  ScaleReport(ScaleOptions options, List<ScaleScenario.Outcome> outcomes, Instant started, String host) {
    this.options = options;
    this.outcomes = List.copyOf(outcomes);
    this.started = started;
    this.host = host;
  }

  /** Writes the three files into {@code dir}; returns the Markdown file's path. */
  Path write(Path dir) throws IOException {
    return ReportFiles.write(dir, "scale", started, json(), markdown(), html());
  }

  String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("scenario", "scale");
    root.put("started", started.toString());
    root.put("host", host);
    root.put("options", Map.of("sessionSteps", options.sessionSteps(), "participants", options.participants(),
        "wrapperCounts", options.wrapperCounts(), "apis", options.apis(), "concurrency", options.concurrency(),
        "serviceHeap", options.serviceHeap(), "brokerMaxOpenFiles", options.brokerMaxOpenFiles(),
        "keepUnread", options.keepUnread()));
    List<Object> runs = new ArrayList<>();
    for (ScaleScenario.Outcome o : outcomes) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("wrappers", o.wrappers());
      run.put("error", o.error());
      run.put("largestHeld", largestHeld(o));
      run.put("steps", o.steps());
      run.put("marginalPer1000Sessions", marginal(o));
      runs.add(run);
    }
    root.put("runs", runs);
    return JSON.writeValueAsString(root);
  }

  String markdown() {
    StringBuilder md = new StringBuilder("# Scale of the control plane\n\n");
    md.append(f("Run %s on %s: %s sessions (cumulative) of %d idle participants, %s wrapper(s), %d api(s),"
            + " %d requests at a time, service heap -Xmx%s, broker open-files limit asked %d; participants %s.%n%n",
        started, host, options.sessionSteps(), options.participants(), options.wrapperCounts(), options.apis(),
        options.concurrency(), options.serviceHeap(), options.brokerMaxOpenFiles(), options.keepUnread()
            ? "leave their later messages unread (--keep-unread)" : "read and acknowledge every message (empty queues)"));
    for (ScaleScenario.Outcome o : outcomes) {
      md.append(f("## %d wrapper(s)%n%n", o.wrappers()));
      if (o.error() != null) {
        md.append("Error: ").append(o.error()).append("\n\n");
      }
      md.append(f("Largest load held: **%d sessions, %d participants**.%n%n", largestHeld(o),
          largestHeld(o) * options.participants()));
      md.append(table(o.steps()));
      md.append("\nMarginal cost per 1,000 sessions (least-squares slope over the held steps; divide by ")
          .append(options.participants()).append(" for the cost per 1,000 participants, an upper bound since each"
              + " session's own share is in it):\n\n| metric | per 1,000 sessions |\n|---|---:|\n");
      marginal(o).forEach((k, v) -> md.append(f("| %s | %.2f |%n", k, v)));
      for (ScaleStep s : o.steps()) {
        s.histograms().forEach((name, h) -> md.append(f("%n<details><summary>%s class histogram at %d sessions"
            + "</summary>%n%n```%n%s```%n</details>%n", name, s.sessions(), h)));
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static String table(List<ScaleStep> steps) {
    StringBuilder t = new StringBuilder("| sessions | participants | create s | sessions/s | wrapper heap MB | wrapper RSS MB"
        + " | api heap MB | medianode heap MB | mongo heap MB | MongoDB data MB | broker MB | broker RSS MB"
        + " | broker fds | queues | session consumers | channels | connections | idle CPU % | held |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    int before = 0;
    for (ScaleStep s : steps) {
      t.append(f("| %d | %d | %.1f | %.1f | %.1f | %.0f | %.1f | %.1f | %.1f | %.2f | %.0f | %.0f | %d | %d | %d | %d"
              + " | %d | %.1f | %s |%n", s.sessions(), s.participants(), s.createSeconds(),
          (s.sessions() - before) / Math.max(0.001, s.createSeconds()), s.mean("wrapper-", r -> r.heapUsedMb()),
          s.mean("wrapper-", r -> r.rssMb()), s.mean("api-", r -> r.heapUsedMb()),
          s.mean("medianode-", r -> r.heapUsedMb()), s.mean("mongo", r -> r.heapUsedMb()), s.mongoBytes() / 1e6,
          s.broker().erlangMemoryBytes() / 1e6, s.broker().rssBytes() / 1e6, s.broker().fileDescriptors(),
          s.broker().sessionQueues() + s.broker().userQueues() + s.broker().otherQueues(),
          s.broker().sessionConsumers(), s.broker().channels(), s.broker().connections(),
          s.sum("", r -> r.idleCpuPercent()), s.held() ? "yes" : "no: " + s.limit()));
      before = s.sessions();
    }
    return t.toString();
  }

  /** The sessions of the last held step (0 if none). */
  static int largestHeld(ScaleScenario.Outcome o) {
    return o.steps().stream().filter(ScaleStep::held).mapToInt(ScaleStep::sessions).max().orElse(0);
  }

  /** Least-squares slope of each metric against sessions over the held steps, per 1,000 sessions. */
  static Map<String, Double> marginal(ScaleScenario.Outcome o) {
    List<ScaleStep> held = o.steps().stream().filter(ScaleStep::held).toList();
    Map<String, Double> slopes = new LinkedHashMap<>();
    if (held.size() < 2) {
      return slopes;
    }
    for (Metric m : METRICS) {
      if (m.title().startsWith("Time") || m.title().startsWith("Idle")) {
        continue;
      }
      slopes.put(m.title() + " (" + m.unit() + ")", 1000 * slope(held, m.value()));
    }
    return slopes;
  }

  static double slope(List<ScaleStep> steps, ToDoubleFunction<ScaleStep> y) {
    double n = steps.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (ScaleStep s : steps) {
      double x = s.sessions();
      double v = y.applyAsDouble(s);
      sx += x;
      sy += v;
      sxx += x * x;
      sxy += x * v;
    }
    double d = n * sxx - sx * sx;
    return d == 0 ? 0 : (n * sxy - sx * sy) / d;
  }

  String html() {
    StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Scale of the"
        + " control plane</title><style>body{font-family:sans-serif;margin:24px}.charts{display:flex;flex-wrap:wrap;"
        + "gap:8px}table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:3px 6px;"
        + "text-align:right}</style></head><body>\n<h1>Scale of the control plane</h1>\n");
    h.append(f("<p>%s on %s: %s sessions of %d idle participants; largest load held: %s.</p>%n",
        SvgChart.escape(started.toString()), SvgChart.escape(host), options.sessionSteps(), options.participants(),
        SvgChart.escape(outcomes.stream().map(o -> o.wrappers() + " wrapper(s): " + largestHeld(o) + " sessions")
            .toList().toString())));
    h.append("<div class=\"charts\">\n");
    for (Metric m : METRICS) {
      SvgChart chart = new SvgChart(m.title(), "sessions", m.unit());
      for (ScaleScenario.Outcome o : outcomes) {
        List<double[]> points = new ArrayList<>();
        for (ScaleStep s : o.steps()) {
          points.add(new double[] {s.sessions(), m.value().applyAsDouble(s)});
        }
        chart.series(o.wrappers() + (o.wrappers() == 1 ? " wrapper" : " wrappers"), points);
      }
      h.append(chart.render());
    }
    h.append("</div>\n");
    h.append(markdownTablesAsHtml());
    return h.append("</body></html>\n").toString();
  }

  /** The Markdown report's tables as HTML (pipes to cells), the rest as paragraphs. */
  private String markdownTablesAsHtml() {
    StringBuilder h = new StringBuilder();
    boolean inTable = false;
    boolean inPre = false;
    for (String line : markdown().split("\n")) {
      if (line.startsWith("```")) {
        h.append(inPre ? "</pre>\n" : "<pre>");
        inPre = !inPre;
        continue;
      }
      if (inPre) {
        h.append(SvgChart.escape(line)).append('\n');
        continue;
      }
      if (line.startsWith("|")) {
        if (line.startsWith("|---")) {
          continue;
        }
        if (!inTable) {
          h.append("<table>\n");
          inTable = true;
        }
        h.append("<tr>");
        for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
          h.append("<td>").append(SvgChart.escape(cell.trim())).append("</td>");
        }
        h.append("</tr>\n");
        continue;
      }
      if (inTable) {
        h.append("</table>\n");
        inTable = false;
      }
      if (line.startsWith("## ")) {
        h.append("<h2>").append(SvgChart.escape(line.substring(3))).append("</h2>\n");
      } else if (line.startsWith("<details>") || line.startsWith("</details>")) {
        h.append(line).append('\n');
      } else if (!line.isBlank() && !line.startsWith("# ")) {
        h.append("<p>").append(SvgChart.escape(line.replace("**", ""))).append("</p>\n");
      }
    }
    if (inTable) {
      h.append("</table>\n");
    }
    return h.toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
