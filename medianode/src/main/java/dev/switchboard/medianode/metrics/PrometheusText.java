package dev.switchboard.medianode.metrics;

import java.util.Locale;

/**
 * Writes the Prometheus text exposition format (version 0.0.4): one {@code # HELP} and
 * {@code # TYPE} line per family, then its samples. Confined to the thread that renders one scrape.
 *
 * <p>Hand-written rather than Micrometer's Prometheus registry: the medianode exposes a few dozen
 * counters and gauges it already keeps in atomics, with no histograms, so a page of code is
 * simpler than a registry, its meter bindings and their jars in the shaded medianode.jar.
 */
final class PrometheusText {
  private final StringBuilder out = new StringBuilder(4096);

  /** Starts a family; {@code type} is counter or gauge. Counter names end in {@code _total}. */
  PrometheusText family(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  PrometheusText sample(String name, double value) {
    out.append(name).append(' ').append(format(value)).append('\n');
    return this;
  }

  /** A sample with labels given as alternating names and values. */
  PrometheusText sample(String name, double value, String... labels) {
    out.append(name).append('{');
    for (int i = 0; i + 1 < labels.length; i += 2) {
      if (i > 0) {
        out.append(',');
      }
      out.append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
    }
    out.append("} ").append(format(value)).append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%s", value);
  }

  private static String escapeHelp(String text) {
    return text.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String escapeLabel(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
