package dev.switchboard.loadtest.signalling;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One measured run: a topology (apis x wrappers) at one arrival rate, every arrival's figures and
 * the processes' CPU; immutable, with the summary figures the report prints.
 *
 * @param apis        api instances behind the front
 * @param wrappers    wrapper instances
 * @param rate        offered arrivals per second
 * @param arrivals    one entry per measured arrival, in order
 * @param processes   CPU and memory of each process over the measured run
 * @param spanSeconds from the first arrival's due time to the last arrival's answer (or failure)
 * @param error       what stopped the run early (start-up failure, deadline), or null
 */
public record TopologyRun(int apis, int wrappers, int rate, List<Arrival> arrivals, List<ProcessUsage> processes,
                          double spanSeconds, String error) {

  public TopologyRun {
    arrivals = List.copyOf(arrivals);
    processes = List.copyOf(processes);
  }

  /** "2x1" is two apis and one wrapper. */
  public String topology() {
    return apis + "x" + wrappers;
  }

  public String label() {
    return topology() + " @" + rate + "/s";
  }

  public long answered() {
    return arrivals.stream().filter(Arrival::answered).count();
  }

  public long withFirstMedia() {
    return arrivals.stream().filter(a -> a.firstMedia() != null).count();
  }

  /** Arrivals that had someone to receive from: the ones join-to-first-media is defined for. */
  public long expectingMedia() {
    return arrivals.stream().filter(a -> a.receivesFrom() > 0).count();
  }

  public long failures() {
    return arrivals.stream().filter(a -> a.error() != null).count();
  }

  /** Answered arrivals per second over the span: what the cluster got through. */
  public double completedRate() {
    return spanSeconds <= 0 ? 0 : answered() / spanSeconds;
  }

  /** The worst dispatch lateness: above a few ms the generator, not the cluster, set the pace. */
  public double maxLateMillis() {
    return arrivals.stream().mapToDouble(Arrival::lateMillis).max().orElse(0);
  }

  /** Sorted samples of one figure over the arrivals that have it. */
  public double[] sorted(Function<Arrival, Double> figure) {
    return arrivals.stream().map(figure).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sorted().toArray();
  }

  /** Nearest-rank quantile q (0..1) of one figure, or null with no samples. */
  public Double quantile(Function<Arrival, Double> figure, double q) {
    return quantile(sorted(figure), q);
  }

  static Double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return null;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double max(double[] sorted) {
    return sorted.length == 0 ? 0 : Arrays.stream(sorted).max().orElse(0);
  }
}
