package dev.switchboard.loadtest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A hand-written SVG line chart (one line per series, points marked, axes from zero with a few
 * ticks), so the report needs no library and no network. Not thread-safe; build, then render once.
 */
public final class SvgChart {
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
  private static final int WIDTH = 560;
  private static final int HEIGHT = 320;
  private static final int LEFT = 70;
  private static final int RIGHT = 130;
  private static final int TOP = 30;
  private static final int BOTTOM = 50;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final Map<String, List<double[]>> series = new LinkedHashMap<>();

  public SvgChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Adds a series of (x, y) points, drawn in the order given. */
  public SvgChart series(String name, List<double[]> points) {
    series.put(name, List.copyOf(points));
    return this;
  }

  public String render() {
    double maxX = 1e-9;
    double maxY = 1e-9;
    for (List<double[]> points : series.values()) {
      for (double[] p : points) {
        maxX = Math.max(maxX, p[0]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    // An all-zero series (no loss) still gets a readable axis.
    maxX = maxX <= 1e-9 ? 1 : maxX;
    maxY = maxY <= 1e-9 ? 1 : maxY;
    double stepX = niceStep(maxX);
    double stepY = niceStep(maxY);
    int ticksX = (int) Math.ceil(maxX / stepX - 1e-9);
    int ticksY = (int) Math.ceil(maxY / stepY - 1e-9);
    maxX = stepX * ticksX;
    maxY = stepY * ticksY;
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
        + " font-size=\"11\">%n", WIDTH, HEIGHT));
    svg.append(f("<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));
    svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n", LEFT, TOP,
        plotW, plotH));
    for (int i = 0; i <= ticksY; i++) {
      double y = TOP + plotH - plotH * (double) i / ticksY;
      svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n", LEFT, y, LEFT + plotW, y));
      svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 4, y + 4, number(stepY * i)));
    }
    for (int i = 0; i <= ticksX; i++) {
      double x = LEFT + plotW * (double) i / ticksX;
      svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP + plotH + 15,
          number(stepX * i)));
    }
    svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + plotW / 2, HEIGHT - 12,
        escape(xLabel)));
    svg.append(f("<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>%n",
        TOP + plotH / 2, TOP + plotH / 2, escape(yLabel)));
    int index = 0;
    for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
      String colour = COLOURS[index % COLOURS.length];
      StringBuilder path = new StringBuilder();
      for (double[] p : e.getValue()) {
        double x = LEFT + plotW * p[0] / maxX;
        double y = TOP + plotH - plotH * p[1] / maxY;
        path.append(path.isEmpty() ? "M" : " L").append(f("%.1f %.1f", x, y));
        svg.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, colour));
      }
      if (!path.isEmpty()) {
        svg.append(f("<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", path, colour));
      }
      int ly = TOP + 12 + 16 * index;
      svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
          LEFT + plotW + 10, ly, LEFT + plotW + 30, ly, colour));
      svg.append(f("<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotW + 35, ly + 4, escape(e.getKey())));
      index++;
    }
    return svg.append("</svg>\n").toString();
  }

  /** A tick step of 1, 2 or 5 times a power of ten, so that at most 4 or 5 steps cover {@code max}. */
  static double niceStep(double max) {
    double raw = max / 4;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5}) {
      if (m * magnitude >= raw) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String number(double v) {
    if (v >= 10_000) {
      return f("%.0fk", v / 1000);
    }
    return v == Math.rint(v) ? f("%.0f", v) : f("%.2g", v);
  }

  public static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
