package dev.switchboard.medianode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, user plus system, from Linux's {@code /proc/<pid>/stat} (fields
 * 14 and 15, in clock ticks of 1/100 s). Stateless.
 */
final class ProcessCpu {
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessCpu() {
  }

  static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name may hold spaces; the fields we want come after its closing parenthesis.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long utime = Long.parseLong(fields[11]);
      long stime = Long.parseLong(fields[12]);
      return (utime + stime) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the CPU time of process " + pid + " (Linux only)", e);
    }
  }
}
