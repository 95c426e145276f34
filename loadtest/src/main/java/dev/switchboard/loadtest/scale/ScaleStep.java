package dev.switchboard.loadtest.scale;

import java.util.Map;

/**
 * What one step of the scale ramp held and cost, measured at steady state: sessions and
 * participants held, how long the step took, each process's memory, heap after a GC and CPU, the
 * broker's counts and MongoDB's size. {@code limit} names what stopped the ramp at this step (null
 * when the step was held). Immutable.
 */
record ScaleStep(int wrappers, int targetSessions, int sessions, int participants, double createSeconds,
                 int failedSessions, String firstError, String limit, Map<String, ProcessReading> processes,
                 BrokerProbe.Counts broker, Map<String, MongoProbe.Collection> mongo, Map<String, String> histograms) {

  /**
   * One process at a step: resident memory, heap used and committed after a full GC and Metaspace
   * (0 for the broker, which is not a JVM), CPU while idle (percent of one core) and CPU seconds used
   * during the step's ramp.
   */
  record ProcessReading(double rssMb, double heapUsedMb, double heapCommittedMb, double metaspaceMb,
                        double idleCpuPercent, double rampCpuSeconds) {}

  boolean held() {
    return limit == null;
  }

  long mongoBytes() {
    return mongo.values().stream().mapToLong(MongoProbe.Collection::bytes).sum();
  }

  /** A process reading by role prefix summed over its instances (e.g. all {@code wrapper-} processes). */
  double sum(String prefix, java.util.function.ToDoubleFunction<ProcessReading> metric) {
    return processes.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .mapToDouble(e -> metric.applyAsDouble(e.getValue())).sum();
  }

  /** The same reading averaged over a role's instances (per-instance cost). */
  double mean(String prefix, java.util.function.ToDoubleFunction<ProcessReading> metric) {
    return processes.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .mapToDouble(e -> metric.applyAsDouble(e.getValue())).average().orElse(0);
  }
}
