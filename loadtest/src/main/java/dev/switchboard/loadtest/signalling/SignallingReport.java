package dev.switchboard.loadtest.signalling;

import dev.switchboard.loadtest.SvgChart;
import dev.switchboard.local.client.ApiClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the signalling runs as {@code signalling-<timestamp>.md}, {@code .json} and {@code .html}
 * (charts first: p50/p99 per run, latency CDFs, per-arrival scatter, CPU per process, and the rate
 * sweep when there was one). Immutable; {@link #write} may be called once per output folder.
 */
final class SignallingReport {
  static final double TARGET_P99_MILLIS = 50;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final SignallingLoad load;
  private final List<TopologyRun> runs;
  private final Instant started;
  private final String host;
  private final String jvmOptions;
  private final double loadAverage;

  SignallingReport(SignallingLoad load, List<TopologyRun> runs, Instant started, String host, String jvmOptions) {
    this.load = load;
    this.runs = List.copyOf(runs);
    this.started = started;
    this.host = host;
    this.jvmOptions = jvmOptions;
    this.loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** Writes the three files into {@code dir}; returns the Markdown one. */
  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    String base = "signalling-" + STAMP.format(started);
    Files.writeString(dir.resolve(base + ".json"), ApiClient.JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(json()));
    Files.writeString(dir.resolve(base + ".html"), html());
    Path md = dir.resolve(base + ".md");
    Files.writeString(md, markdown());
    return md;
  }

  /** The progress line of one run. */
  static String line(TopologyRun r) {
    return f("%s: answered %d/%d (%d failed), %.1f/s completed, join->answer p50 %s p99 %s ms, "
            + "join->first media p50 %s p99 %s ms (%d/%d), late dispatch max %.0f ms%s", r.label(), r.answered(),
        r.arrivals().size(), r.failures(), r.completedRate(), ms(r.quantile(Arrival::answer, 0.5)),
        ms(r.quantile(Arrival::answer, 0.99)), ms(r.quantile(Arrival::firstMedia, 0.5)),
        ms(r.quantile(Arrival::firstMedia, 0.99)), r.withFirstMedia(), r.expectingMedia(), r.maxLateMillis(),
        r.error() == null ? "" : " [" + r.error() + "]");
  }

  private Map<String, Object> json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("scenario", "signalling");
    root.put("started", started.toString());
    root.put("host", host);
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("loadAverageAtEnd", loadAverage);
    root.put("jvmOptions", jvmOptions);
    root.put("load", Map.of("rate", load.rate(), "joins", load.joins(), "sessionSize", load.sessionSize(),
        "warmUpJoins", load.warmUpJoins(), "stepTimeoutSeconds", load.stepTimeout().toSeconds(),
        "audioPps", load.media().audioPps(), "videoBitrate", load.media().videoBitrate(), "fps", load.media().fps()));
    List<Map<String, Object>> list = new ArrayList<>();
    for (TopologyRun r : runs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("topology", r.topology());
      m.put("apis", r.apis());
      m.put("wrappers", r.wrappers());
      m.put("rate", r.rate());
      m.put("offered", r.arrivals().size());
      m.put("answered", r.answered());
      m.put("failures", r.failures());
      m.put("completedRate", r.completedRate());
      m.put("spanSeconds", r.spanSeconds());
      m.put("maxLateMillis", r.maxLateMillis());
      m.put("firstMediaReceived", r.withFirstMedia());
      m.put("firstMediaExpected", r.expectingMedia());
      for (Map.Entry<String, Function<Arrival, Double>> e : figures().entrySet()) {
        double[] sorted = r.sorted(e.getValue());
        m.put(e.getKey(), Map.of("n", sorted.length, "p50", orZero(TopologyRun.quantile(sorted, 0.5)),
            "p99", orZero(TopologyRun.quantile(sorted, 0.99)), "max", TopologyRun.max(sorted)));
      }
      m.put("processes", r.processes());
      m.put("error", r.error());
      m.put("arrivals", r.arrivals());
      list.add(m);
    }
    root.put("runs", list);
    return root;
  }

  private static Map<String, Function<Arrival, Double>> figures() {
    Map<String, Function<Arrival, Double>> m = new LinkedHashMap<>();
    m.put("joinToExistingParticipants", Arrival::existing);
    m.put("joinToAnswer", Arrival::answer);
    m.put("offerToAnswer", Arrival::offerToAnswer);
    m.put("joinToConnected", Arrival::connected);
    m.put("joinToReceiving", Arrival::receiving);
    m.put("joinToFirstMedia", Arrival::firstMedia);
    return m;
  }

  private String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Signalling through the cluster\n\n");
    md.append(f("Started %s on %s (%d cores, load average %.2f at the end). %d joins per run after %d warm-up joins,"
            + " sessions of %d; each arrival joins, waits for existingParticipants, publishes (synthetic audio %d pps"
            + " + video %d kbit/s at %d fps) and receives everyone already publishing in its session.%s%n%n",
        started, host, Runtime.getRuntime().availableProcessors(), loadAverage, load.joins(), load.warmUpJoins(),
        load.sessionSize(), load.media().audioPps(), load.media().videoBitrate() / 1000, load.media().fps(),
        jvmOptions.isBlank() ? "" : " Service JVM options: `" + jvmOptions + "`."));
    md.append("Milliseconds from the join request. Target: join-to-answer p99 under 50 ms at 50 joins/s.\n\n");
    md.append("| run | answered | failed | completed/s | late max | join→existing p50/p99 | join→answer p50/p99/max"
        + " | offer→answer p50/p99 | join→connected p50/p99 | join→receiving p50/p99 | join→first media p50/p99 (n) |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (TopologyRun r : runs) {
      md.append(f("| %s | %d/%d | %d | %.1f | %.0f ms | %s / %s | %s / %s / %s | %s / %s | %s / %s | %s / %s | %s / %s (%d/%d) |%n",
          r.label(), r.answered(), r.arrivals().size(), r.failures(), r.completedRate(), r.maxLateMillis(),
          q(r, Arrival::existing, 0.5), q(r, Arrival::existing, 0.99), q(r, Arrival::answer, 0.5),
          q(r, Arrival::answer, 0.99), ms(TopologyRun.max(r.sorted(Arrival::answer))), q(r, Arrival::offerToAnswer, 0.5),
          q(r, Arrival::offerToAnswer, 0.99), q(r, Arrival::connected, 0.5), q(r, Arrival::connected, 0.99),
          q(r, Arrival::receiving, 0.5), q(r, Arrival::receiving, 0.99), q(r, Arrival::firstMedia, 0.5),
          q(r, Arrival::firstMedia, 0.99), r.withFirstMedia(), r.expectingMedia()));
    }
    md.append("\n## CPU (cores) and peak RSS (MB) per process during the measured arrivals\n\n");
    for (TopologyRun r : runs) {
      md.append("- ").append(r.label()).append(": ");
      List<String> parts = new ArrayList<>();
      for (ProcessUsage p : r.processes()) {
        parts.add(f("%s %.2f cores %.0f MB", p.name(), p.cores(), p.maxRssMb()));
      }
      md.append(String.join(", ", parts)).append('\n');
    }
    List<String> errors = new ArrayList<>();
    for (TopologyRun r : runs) {
      if (r.error() != null) {
        errors.add(r.label() + ": " + r.error());
      }
      r.arrivals().stream().filter(a -> a.error() != null).limit(3)
          .forEach(a -> errors.add(r.label() + " arrival " + a.index() + ": " + a.error()));
    }
    if (!errors.isEmpty()) {
      md.append("\n## Failures (first three per run)\n\n");
      errors.forEach(e -> md.append("- ").append(e).append('\n'));
    }
    return md.toString();
  }

  private String html() {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Signalling through the cluster</title>");
    h.append("<style>body{font-family:sans-serif;margin:20px;max-width:1300px}.charts{display:flex;flex-wrap:wrap;"
        + "gap:12px}table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:3px 6px;"
        + "text-align:right}.bar{background:#1f77b4;height:10px;display:inline-block}</style></head><body>\n");
    h.append(f("<h1>Signalling through the cluster</h1><p>%s on %s, %d cores, load average %.2f at the end; %d joins"
            + " per run, sessions of %d. Milliseconds from the join request; dashed line: the 50 ms p99 target.</p>%n",
        started, SvgChart.escape(host), Runtime.getRuntime().availableProcessors(), loadAverage, load.joins(),
        load.sessionSize()));
    List<String> labels = runs.stream().map(TopologyRun::label).toList();
    h.append("<div class=\"charts\">\n");
    h.append(new BarChart("join → answer per run", "ms", labels)
        .series("p50", runs.stream().map(r -> r.quantile(Arrival::answer, 0.5)).toList())
        .series("p99", runs.stream().map(r -> r.quantile(Arrival::answer, 0.99)).toList())
        .target(TARGET_P99_MILLIS, "target p99").render());
    h.append(new BarChart("join → first media per run", "ms", labels)
        .series("p50", runs.stream().map(r -> r.quantile(Arrival::firstMedia, 0.5)).toList())
        .series("p99", runs.stream().map(r -> r.quantile(Arrival::firstMedia, 0.99)).toList()).render());
    h.append(cdf("join → answer, CDF", Arrival::answer));
    h.append(cdf("join → first media, CDF", Arrival::firstMedia));
    SvgChart scatter = new SvgChart("join → answer per arrival", "arrival time (s)", "ms");
    for (TopologyRun r : runs) {
      List<double[]> points = r.arrivals().stream().filter(Arrival::answered)
          .map(a -> new double[] {a.atSeconds(), a.answer()}).toList();
      scatter.series(r.label(), points);
    }
    h.append(scatter.render());
    List<String> processNames = runs.stream().flatMap(r -> r.processes().stream().map(ProcessUsage::name))
        .distinct().toList();
    BarChart cpu = new BarChart("CPU per process", "cores", labels);
    for (String name : processNames) {
      cpu.series(name, runs.stream().map(r -> r.processes().stream().filter(p -> p.name().equals(name))
          .map(ProcessUsage::cores).findFirst().orElse(null)).toList());
    }
    h.append(cpu.render());
    Map<String, List<TopologyRun>> byTopology = new LinkedHashMap<>();
    runs.forEach(r -> byTopology.computeIfAbsent(r.topology(), k -> new ArrayList<>()).add(r));
    if (byTopology.values().stream().anyMatch(l -> l.size() > 1)) {
      SvgChart completed = new SvgChart("rate sweep: completed vs offered", "offered joins/s", "completed joins/s");
      SvgChart p99 = new SvgChart("rate sweep: join → answer p99", "offered joins/s", "ms");
      for (Map.Entry<String, List<TopologyRun>> e : byTopology.entrySet()) {
        if (e.getValue().size() > 1) {
          completed.series(e.getKey(), e.getValue().stream().map(r -> new double[] {r.rate(), r.completedRate()})
              .toList());
          p99.series(e.getKey(), e.getValue().stream().map(r -> new double[] {r.rate(),
              orZero(r.quantile(Arrival::answer, 0.99))}).toList());
        }
      }
      h.append(completed.render()).append(p99.render());
    }
    h.append("</div>\n<h2>Figures</h2>\n<pre>").append(SvgChart.escape(markdown())).append("</pre>\n</body></html>\n");
    return h.toString();
  }

  private String cdf(String title, Function<Arrival, Double> figure) {
    SvgChart chart = new SvgChart(title, "ms", "% of arrivals");
    for (TopologyRun r : runs) {
      double[] sorted = r.sorted(figure);
      List<double[]> points = new ArrayList<>();
      // At most ~100 points per line: the SVG stays small with thousands of arrivals.
      int step = Math.max(1, sorted.length / 100);
      for (int i = 0; i < sorted.length; i += step) {
        points.add(new double[] {sorted[i], 100.0 * (i + 1) / sorted.length});
      }
      if (sorted.length > 0) {
        points.add(new double[] {sorted[sorted.length - 1], 100});
      }
      chart.series(r.label(), points);
    }
    return chart.render();
  }

  private static String q(TopologyRun r, Function<Arrival, Double> figure, double quantile) {
    return ms(r.quantile(figure, quantile));
  }

  private static String ms(Double v) {
    return v == null ? "–" : f("%.1f", v);
  }

  private static String ms(double v) {
    return f("%.1f", v);
  }

  private static double orZero(Double v) {
    return v == null ? 0 : v;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
