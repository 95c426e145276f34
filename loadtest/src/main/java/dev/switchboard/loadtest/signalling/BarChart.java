package dev.switchboard.loadtest.signalling;

import dev.switchboard.loadtest.SvgChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A hand-written SVG grouped bar chart (a group per label, a bar per series, the value printed
 * on each bar, an optional dashed target line), for figures per topology where {@link SvgChart}'s
 * numeric x axis does not fit. Not thread-safe; build, then render once.
 */
final class BarChart {
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
  private static final int HEIGHT = 300;
  private static final int LEFT = 60;
  private static final int TOP = 30;
  private static final int BOTTOM = 60;
  private static final int BAR = 22;

  private final String title;
  private final String yLabel;
  private final List<String> groups = new ArrayList<>();
  private final Map<String, List<Double>> series = new LinkedHashMap<>();
  private Double target;
  private String targetLabel;

  BarChart(String title, String yLabel, List<String> groups) {
    this.title = title;
    this.yLabel = yLabel;
    this.groups.addAll(groups);
  }

  /** One value per group, in the groups' order; null draws no bar. */
  BarChart series(String name, List<Double> values) {
    series.put(name, new ArrayList<>(values));
    return this;
  }

  BarChart target(double value, String label) {
    this.target = value;
    this.targetLabel = label;
    return this;
  }

  String render() {
    double max = target == null ? 1e-9 : target;
    for (List<Double> values : series.values()) {
      for (Double v : values) {
        if (v != null) {
          max = Math.max(max, v);
        }
      }
    }
    max = max * 1.1;
    int groupWidth = Math.max(60, series.size() * BAR + 24);
    int plotW = groupWidth * Math.max(1, groups.size());
    int width = LEFT + plotW + 140;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
        + " font-size=\"11\">%n", width, HEIGHT));
    svg.append(f("<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", LEFT,
        SvgChart.escape(title)));
    svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n", LEFT, TOP,
        plotW, plotH));
    svg.append(f("<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>%n",
        TOP + plotH / 2, TOP + plotH / 2, SvgChart.escape(yLabel)));
    svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n", LEFT - 4, TOP + plotH + 4));
    svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 4, TOP + 4, number(max)));
    for (int g = 0; g < groups.size(); g++) {
      int x0 = LEFT + g * groupWidth + 12;
      int s = 0;
      for (List<Double> values : series.values()) {
        Double v = g < values.size() ? values.get(g) : null;
        if (v != null) {
          double h = plotH * v / max;
          double y = TOP + plotH - h;
          int x = x0 + s * BAR;
          svg.append(f("<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>%n", x, y, BAR - 3, h,
              COLOURS[s % COLOURS.length]));
          svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"9\">%s</text>%n",
              x + (BAR - 3) / 2, y - 3, number(v)));
        }
        s++;
      }
      svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + g * groupWidth
          + groupWidth / 2, TOP + plotH + 16, SvgChart.escape(groups.get(g))));
    }
    if (target != null) {
      double y = TOP + plotH - plotH * target / max;
      svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\" stroke-dasharray=\"5,4\"/>%n",
          LEFT, y, LEFT + plotW, y));
      svg.append(f("<text x=\"%d\" y=\"%.1f\">%s</text>%n", LEFT + plotW + 6, y + 4, SvgChart.escape(targetLabel)));
    }
    int s = 0;
    for (String name : series.keySet()) {
      int ly = TOP + 30 + 16 * s;
      svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>%n", LEFT + plotW + 6, ly - 9,
          COLOURS[s % COLOURS.length]));
      svg.append(f("<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotW + 22, ly, SvgChart.escape(name)));
      s++;
    }
    return svg.append("</svg>\n").toString();
  }

  private static String number(double v) {
    return v >= 100 ? f("%.0f", v) : f("%.1f", v);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
