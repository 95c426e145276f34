package dev.switchboard.local.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Prometheus text scrape, parsed: the value of every sample by its series ({@code name{labels}}
 * as written) and the set of sample names. Immutable.
 */
public final class Scrape {
  private final Map<String, Double> samples = new HashMap<>();
  private final Set<String> names = new TreeSet<>();

  private Scrape(String text) {
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String series = line.substring(0, space);
      samples.put(series, Double.parseDouble(line.substring(space + 1)));
      int brace = series.indexOf('{');
      names.add(brace < 0 ? series : series.substring(0, brace));
    }
  }

  public static Scrape parse(String text) {
    return new Scrape(text);
  }

  /** Sample names ({@code _bucket}, {@code _count} and the like as separate names). */
  public Set<String> names() {
    return names;
  }

  /** The sum over every series of {@code name} whose labels contain each of {@code labels} ({@code key="value"}). */
  public double sum(String name, String... labels) {
    double sum = 0;
    for (Map.Entry<String, Double> e : samples.entrySet()) {
      String series = e.getKey();
      if (!(series.equals(name) || series.startsWith(name + "{"))) {
        continue;
      }
      boolean match = true;
      for (String label : labels) {
        match &= series.contains(label);
      }
      if (match && !e.getValue().isNaN()) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  public boolean has(String name) {
    return names.contains(name);
  }
}
