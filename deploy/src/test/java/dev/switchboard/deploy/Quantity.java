package dev.switchboard.deploy;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities (memory "768Mi", cpu "250m" or "2") as numbers. Stateless. */
final class Quantity {
  private static final Pattern Q = Pattern.compile("([0-9.]+)([a-zA-Z]*)");
  private static final Map<String, Double> UNITS = Map.ofEntries(
      Map.entry("", 1d), Map.entry("m", 1e-3), Map.entry("k", 1e3), Map.entry("M", 1e6), Map.entry("G", 1e9),
      Map.entry("Ki", 1024d), Map.entry("Mi", 1024d * 1024), Map.entry("Gi", 1024d * 1024 * 1024));

  private Quantity() {}

  static double value(String quantity) {
    Matcher m = Q.matcher(quantity.trim());
    if (!m.matches() || !UNITS.containsKey(m.group(2))) {
      throw new IllegalArgumentException("not a quantity: " + quantity);
    }
    return Double.parseDouble(m.group(1)) * UNITS.get(m.group(2));
  }

  static double bytes(String quantity) {
    return value(quantity);
  }

  static double cores(String quantity) {
    return value(quantity);
  }
}
