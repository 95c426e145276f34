package dev.switchboard.loadtest.failover;

import dev.switchboard.loadtest.ReportFiles;
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
 * Writes one failover benchmark as {@code failover-<timestamp>.json}, {@code .md} (summary
 * percentiles, per-stage breakdown, one row per participant and run) and {@code .html} (charts
 * first: each run's stacked stage timeline and the distribution of media-back times, then the
 * tables). Stateless apart from its inputs.
 */
final class FailoverReport {
  static final double TARGET_MS = 3000;
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final FailoverLoad load;
  private final FailoverScenario.Outcome outcome;
  private final Instant started;
  private final String host;

  FailoverReport(FailoverLoad load, FailoverScenario.Outcome outcome, Instant started, String host) {
    this.load = load;
    this.outcome = outcome;
    this.started = started;
    this.host = host;
  }

  /** Writes the three files into {@code dir}; returns the Markdown file's path. */
  Path write(Path dir) throws IOException {
    return ReportFiles.write(dir, "failover", started, json(), markdown(), html());
  }

  private List<ParticipantOutcome> all() {
    return outcome.runs().stream().flatMap(r -> r.participants().stream()).toList();
  }

  private List<ParticipantOutcome> recovered() {
    return all().stream().filter(ParticipantOutcome::recovered).toList();
  }

  /** Nearest-rank percentile; NaN when empty. */
  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private List<Double> values(ToDoubleFunction<ParticipantOutcome> f) {
    return recovered().stream().map(f::applyAsDouble).toList();
  }

  private List<Double> stage(int i) {
    return recovered().stream().map(p -> p.stages().get(i)).toList();
  }

  private List<Double> offers() {
    return recovered().stream().flatMap(p -> p.offerToAnswer().stream()).toList();
  }

  String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("scenario", "failover");
    root.put("started", started.toString());
    root.put("host", host);
    root.put("cores", Runtime.getRuntime().availableProcessors());
    ObjectNode l = root.putObject("load");
    l.put("runs", load.runs());
    l.put("sessions", load.sessions());
    l.put("participants", load.participants());
    l.put("apis", load.apis());
    l.put("wrappers", load.wrappers());
    l.put("medianodes", load.medianodes());
    root.put("targetMs", TARGET_MS);
    root.put("error", outcome.error());
    ObjectNode summary = root.putObject("summary");
    summary.put("participantRecoveries", all().size());
    summary.put("recovered", recovered().size());
    summary.put("retriedConnections", all().stream().mapToInt(ParticipantOutcome::retries).sum());
    summarise(summary.putObject("mediaBackMs"), values(ParticipantOutcome::mediaBack));
    summarise(summary.putObject("offerToAnswerMs"), offers());
    ObjectNode stages = summary.putObject("stagesMs");
    for (int i = 0; i < ParticipantOutcome.STAGES.size(); i++) {
      summarise(stages.putObject(ParticipantOutcome.STAGES.get(i)), stage(i));
    }
    ArrayNode runs = root.putArray("runs");
    for (RunOutcome r : outcome.runs()) {
      ObjectNode run = runs.addObject();
      run.put("number", r.number());
      run.put("killedAt", r.killedAt().toString());
      run.put("victim", r.victim());
      run.put("loadAverage", r.loadAverage());
      run.put("restartMs", r.restartMillis());
      run.put("mediaBackMs", r.mediaBack());
      run.put("error", r.error());
      if (r.lanes() != null) {
        ObjectNode lanes = run.putObject("offerLanes");
        lanes.put("lanes", r.lanes().lanes());
        lanes.put("offersAnswered", r.lanes().offers());
        lanes.put("maxPerLane", r.lanes().maxPerLane());
        ArrayNode gaps = lanes.putArray("gapsMs");
        r.lanes().gapsMs().forEach(gaps::add);
      }
      ObjectNode moved = run.putObject("movedTo");
      r.movedTo().forEach(moved::put);
      ArrayNode people = run.putArray("participants");
      for (ParticipantOutcome p : r.participants()) {
        ObjectNode o = people.addObject();
        o.put("participant", p.participant());
        o.put("session", p.session());
        o.put("epochMovedMs", p.epochMoved());
        o.put("mediaServerLostMs", p.lost());
        o.put("allAnsweredMs", p.answered());
        o.put("allConnectedMs", p.connected());
        o.put("mediaBackMs", p.mediaBack());
        ArrayNode offers = o.putArray("offerToAnswerMs");
        p.offerToAnswer().forEach(offers::add);
        o.put("retries", p.retries());
        o.put("error", p.error());
      }
    }
    ArrayNode notes = root.putArray("notes");
    outcome.notes().forEach(notes::add);
    return JSON.writeValueAsString(root);
  }

  private static void summarise(ObjectNode node, List<Double> values) {
    node.put("count", values.size());
    node.put("p50", percentile(values, 50));
    node.put("p99", percentile(values, 99));
    node.put("max", percentile(values, 100));
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Failover: media back after a medianode is killed\n\n");
    md.append(f("Started %s on %s (%d cores). %d runs, %d sessions x %d headless participants, %d apis, %d wrappers,"
            + " %d medianodes. Target: media back within %.0f ms.%n%n", started, host,
        Runtime.getRuntime().availableProcessors(), load.runs(), load.sessions(), load.participants(), load.apis(),
        load.wrappers(), load.medianodes(), TARGET_MS));
    if (outcome.error() != null) {
      md.append("**Stopped early:** ").append(outcome.error()).append("\n\n");
    }
    md.append(f("%d of %d participant recoveries complete; %d connections had to be offered a second time.%n%n",
        recovered().size(), all().size(), all().stream().mapToInt(ParticipantOutcome::retries).sum()));
    md.append("| figure (ms after the kill) | n | p50 | p99 | max |\n|---|---|---|---|---|\n");
    row(md, "media back (all receiving connections)", values(ParticipantOutcome::mediaBack));
    row(md, "mediaServerLost received", values(ParticipantOutcome::lost));
    row(md, "all re-offers answered", values(ParticipantOutcome::answered));
    row(md, "all connections ICE+DTLS connected", values(ParticipantOutcome::connected));
    md.append("\n| stage (ms) | n | p50 | p99 | max |\n|---|---|---|---|---|\n");
    for (int i = 0; i < ParticipantOutcome.STAGES.size(); i++) {
      row(md, ParticipantOutcome.STAGES.get(i), stage(i));
    }
    row(md, "one re-offer, post to answer", offers());
    md.append("\nHow the wrappers worked through the re-offers (from their logs: each answer names its consumer"
        + " thread; a lane is one thread answering offers one after another):\n\n"
        + "| run | killed | load avg | participants | slowest media back | offers answered | lanes |"
        + " most on one lane | gap between answers on a lane p50 / max |\n|---|---|---|---|---|---|---|---|---|\n");
    for (RunOutcome r : outcome.runs()) {
      OfferLanes l = r.lanes() == null ? new OfferLanes(0, 0, 0, List.of()) : r.lanes();
      md.append(f("| %d | %s | %.2f | %d | %.0f | %d | %d | %d | %.0f / %.0f |%n", r.number(), r.victim(),
          r.loadAverage(), r.participants().size(), r.mediaBack(), l.offers(), l.lanes(), l.maxPerLane(),
          percentile(l.gapsMs(), 50), percentile(l.gapsMs(), 100)));
    }
    List<Double> gaps = outcome.runs().stream().filter(r -> r.lanes() != null)
        .flatMap(r -> r.lanes().gapsMs().stream()).toList();
    md.append(f("%nOne offer's service time on a busy lane (gap between two answers of one thread, all runs):"
        + " n %d, p50 %.0f ms, p99 %.0f ms.%n", gaps.size(), percentile(gaps, 50), percentile(gaps, 99)));
    md.append("\n| run | killed | load avg | moved to | participant | lost | answered | connected | media back |"
        + " restart |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (RunOutcome r : outcome.runs()) {
      for (ParticipantOutcome p : r.participants()) {
        md.append(f("| %d | %s | %.2f | %s | %s | %.0f | %.0f | %.0f | %s | %.0f |%n", r.number(), r.victim(),
            r.loadAverage(), r.movedTo().get(p.session()), p.participant(), p.lost(), p.answered(), p.connected(),
            p.recovered() ? f("%.0f", p.mediaBack()) : "FAILED: " + p.error(), r.restartMillis()));
      }
    }
    if (!outcome.notes().isEmpty()) {
      md.append("\nNotes:\n\n");
      outcome.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String name, List<Double> v) {
    md.append(f("| %s | %d | %.0f | %.0f | %.0f |%n", name, v.size(), percentile(v, 50), percentile(v, 99),
        percentile(v, 100)));
  }

  String html() {
    StringBuilder h = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\">"
        + "<title>Failover: media back after a medianode loss</title>\n<style>body{font-family:sans-serif;"
        + "max-width:1000px;margin:1em auto}pre{background:#f6f6f6;padding:1em;overflow:auto}</style></head><body>\n");
    List<Double> back = values(ParticipantOutcome::mediaBack);
    h.append(f("<h1>Failover: media back p50 %.0f ms, p99 %.0f ms (target %.0f ms)</h1>%n", percentile(back, 50),
        percentile(back, 99), TARGET_MS));
    List<StageChart.Row> runRows = new ArrayList<>();
    List<StageChart.Row> everyone = new ArrayList<>();
    for (RunOutcome r : outcome.runs()) {
      r.participants().stream().filter(ParticipantOutcome::recovered)
          .max((a, b) -> Double.compare(a.mediaBack(), b.mediaBack()))
          .ifPresent(p -> runRows.add(new StageChart.Row("run " + r.number() + " (" + p.participant() + ")", p.stages())));
      r.participants().stream().filter(ParticipantOutcome::recovered)
          .forEach(p -> everyone.add(new StageChart.Row("run " + r.number() + " " + p.participant(), p.stages())));
    }
    h.append(StageChart.stacked("Each run's slowest participant: where the time went", ParticipantOutcome.STAGES,
        runRows, TARGET_MS));
    h.append(StageChart.histogram("Media back, every participant of every run",
        "ms after the kill (participants x runs)", back, 12, TARGET_MS));
    h.append(StageChart.histogram("One re-offer, post to answer",
        "ms from posting the offer to its answer (every connection of every run)", offers(), 12, TARGET_MS));
    h.append(StageChart.stacked("Every participant of every run", ParticipantOutcome.STAGES, everyone, TARGET_MS));
    h.append("<h2>Tables</h2>\n<pre>").append(StageChart.esc(markdown())).append("</pre>\n</body></html>\n");
    return h.toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
