package dev.switchboard.loadtest.failover;

import java.util.List;
import java.util.Locale;

/**
 * Hand-written SVG bar charts for the failover report: horizontal stacked bars (one row per run or
 * participant, one segment per recovery stage, a dashed line at the target) and a histogram. No
 * library, no network. Stateless.
 */
final class StageChart {
  private static final String[] COLOURS = {"#7f7f7f", "#9467bd", "#d62728", "#ff7f0e", "#2ca02c", "#1f77b4"};
  private static final int WIDTH = 760;
  private static final int LEFT = 150;
  private static final int RIGHT = 20;
  private static final int TOP = 50;
  private static final int ROW = 22;

  private StageChart() {
  }

  /** One labelled row of consecutive segments (ms). */
  record Row(String label, List<Double> segments) {}

  /** Stacked horizontal bars with a legend of {@code stages} and a dashed vertical line at {@code targetMs}. */
  static String stacked(String title, List<String> stages, List<Row> rows, double targetMs) {
    double max = targetMs;
    for (Row r : rows) {
      max = Math.max(max, r.segments().stream().mapToDouble(Double::doubleValue).sum());
    }
    double step = niceStep(max);
    max = step * Math.ceil(max / step);
    int plotW = WIDTH - LEFT - RIGHT;
    int height = TOP + rows.size() * ROW + 45;
    StringBuilder svg = header(title, height);
    for (int i = 0; i < stages.size(); i++) {
      int x = LEFT + i * 120;
      svg.append(f("<rect x=\"%d\" y=\"28\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, COLOURS[i % COLOURS.length]));
      svg.append(f("<text x=\"%d\" y=\"37\">%s</text>%n", x + 14, esc(stages.get(i))));
    }
    for (double t = 0; t <= max + 1e-9; t += step) {
      double x = LEFT + plotW * t / max;
      svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>", x, TOP, x, TOP + rows.size() * ROW));
      svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP + rows.size() * ROW + 15,
          label(t)));
    }
    svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">ms after the kill</text>%n", LEFT + plotW / 2,
        height - 8));
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      int y = TOP + r * ROW + 3;
      svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", LEFT - 6, y + 12, esc(row.label())));
      double at = 0;
      for (int s = 0; s < row.segments().size(); s++) {
        double len = Math.max(0, row.segments().get(s));
        svg.append(f("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %.0f ms</title></rect>",
            LEFT + plotW * at / max, y, plotW * len / max, ROW - 6, COLOURS[s % COLOURS.length],
            esc(s < stages.size() ? stages.get(s) : "?"), len));
        at += len;
      }
      svg.append(f("<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%.0f</text>%n", LEFT + plotW * at / max + 3, y + 12, at));
    }
    double tx = LEFT + plotW * targetMs / max;
    svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>", tx,
        TOP - 4, tx, TOP + rows.size() * ROW));
    svg.append(f("<text x=\"%.1f\" y=\"%d\" font-size=\"10\">target</text>%n", tx + 3, TOP - 6));
    return svg.append("</svg>\n").toString();
  }

  /** A histogram of {@code values} (ms, axis {@code xLabel}) in {@code buckets} equal bins from 0, with the target marked. */
  static String histogram(String title, String xLabel, List<Double> values, int buckets, double targetMs) {
    double max = Math.max(targetMs, values.stream().mapToDouble(Double::doubleValue).max().orElse(1));
    double width = niceStep(max * 4 / buckets);
    int n = (int) Math.ceil(max / width) + 1;
    int[] counts = new int[n];
    for (double v : values) {
      counts[Math.min(n - 1, (int) (v / width))]++;
    }
    int top = 1;
    for (int c : counts) {
      top = Math.max(top, c);
    }
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = 200;
    int height = TOP + plotH + 45;
    StringBuilder svg = header(title, height);
    double bar = (double) plotW / n;
    for (int i = 0; i < n; i++) {
      double h = (double) plotH * counts[i] / top;
      svg.append(f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1f77b4\"><title>%s-%s ms: %d</title></rect>",
          LEFT + i * bar + 1, TOP + plotH - h, bar - 2, h, label(i * width), label((i + 1) * width), counts[i]));
      if (counts[i] > 0) {
        svg.append(f("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">%d</text>",
            LEFT + (i + 0.5) * bar, TOP + plotH - h - 3, counts[i]));
      }
      if (i % Math.max(1, n / 8) == 0) {
        svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + i * bar, TOP + plotH + 15,
            label(i * width)));
      }
    }
    svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>", LEFT, TOP, plotW, plotH));
    double tx = LEFT + targetMs / width * bar;
    svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>", tx, TOP,
        tx, TOP + plotH));
    svg.append(f("<text x=\"%.1f\" y=\"%d\" font-size=\"10\">target</text>%n", tx + 3, TOP + 10));
    svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + plotW / 2, height - 8,
        esc(xLabel)));
    svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">count</text>%n", LEFT - 6, TOP + 10));
    return svg.append("</svg>\n").toString();
  }

  private static StringBuilder header(String title, int height) {
    StringBuilder svg = new StringBuilder();
    svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
        + " font-size=\"11\">%n", WIDTH, height));
    svg.append(f("<text x=\"10\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", esc(title)));
    return svg;
  }

  static double niceStep(double max) {
    double raw = Math.max(max, 1) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5}) {
      if (m * magnitude >= raw) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String label(double ms) {
    return ms >= 1000 ? f("%.1f s", ms / 1000) : f("%.0f", ms);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
