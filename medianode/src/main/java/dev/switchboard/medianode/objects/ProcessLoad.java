package dev.switchboard.medianode.objects;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads this process's resident memory and CPU time, the figures KMS reports through
 * {@code getUsedMemory} (KiB of RSS) and {@code getUsedCpu}. Stateless; thread-safe.
 */
public class ProcessLoad {
  private static final Path STATUS = Path.of("/proc/self/status");

  /** Resident set size in KiB; the JVM's committed heap when /proc is not available. */
  public long residentMemoryKib() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to the JVM's own figure
    }
    return Runtime.getRuntime().totalMemory() / 1024;
  }

  public long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
