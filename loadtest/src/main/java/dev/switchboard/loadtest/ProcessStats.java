package dev.switchboard.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process from Linux's {@code /proc/<pid>/stat} (fields 14 and
 * 15, user plus system, in clock ticks of 1/100 s) and {@code /proc/<pid>/status} (VmRSS).
 * Stateless.
 */
public final class ProcessStats {
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessStats() {
  }

  /** User plus system CPU seconds the process has used. */
  public static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name may hold spaces; the fields we want come after its closing parenthesis.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the CPU time of process " + pid + " (Linux only)", e);
    }
  }

  /** Resident set size in bytes. */
  public static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
        }
      }
      throw new IllegalStateException("no VmRSS line for process " + pid);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the memory of process " + pid + " (Linux only)", e);
    }
  }
}
