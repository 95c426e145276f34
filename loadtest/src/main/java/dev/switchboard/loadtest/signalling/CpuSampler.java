package dev.switchboard.loadtest.signalling;

import dev.switchboard.loadtest.ProcessStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CPU and resident memory of a fixed set of processes over a run, read from /proc when asked
 * (about once a second by the dispatching thread). Not thread-safe: one thread calls it.
 */
final class CpuSampler {
  private final Map<String, Long> pids;
  private final double[] cpuStart;
  private final double[] cpuLast;
  private final double[] maxRss;
  private long startNanos;
  private long lastNanos;

  CpuSampler(Map<String, Long> pids) {
    this.pids = new java.util.LinkedHashMap<>(pids);
    this.cpuStart = new double[pids.size()];
    this.cpuLast = new double[pids.size()];
    this.maxRss = new double[pids.size()];
  }

  void start() {
    startNanos = System.nanoTime();
    int i = 0;
    for (long pid : pids.values()) {
      cpuStart[i] = cpu(pid);
      cpuLast[i] = cpuStart[i];
      i++;
    }
    sample();
  }

  void sample() {
    lastNanos = System.nanoTime();
    int i = 0;
    for (long pid : pids.values()) {
      cpuLast[i] = Math.max(cpuLast[i], cpu(pid));
      try {
        maxRss[i] = Math.max(maxRss[i], ProcessStats.rssBytes(pid) / 1e6);
      } catch (IllegalStateException e) {
        // the process is gone (killed): its last figures stand
      }
      i++;
    }
  }

  void stop() {
    sample();
  }

  List<ProcessUsage> usage() {
    List<ProcessUsage> usage = new ArrayList<>();
    double wall = Math.max(1e-3, (lastNanos - startNanos) / 1e9);
    int i = 0;
    for (String name : pids.keySet()) {
      usage.add(new ProcessUsage(name, (cpuLast[i] - cpuStart[i]) / wall, maxRss[i]));
      i++;
    }
    return usage;
  }

  private static double cpu(long pid) {
    try {
      return ProcessStats.cpuSeconds(pid);
    } catch (IllegalStateException e) {
      return 0;
    }
  }
}
