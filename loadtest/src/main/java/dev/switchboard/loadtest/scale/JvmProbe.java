package dev.switchboard.loadtest.scale;

import dev.switchboard.loadtest.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap of a running JVM after a full GC, and its class histogram, through {@code jcmd} (the JDK
 * this benchmark runs on). Stateless.
 */
final class JvmProbe {
  private static final Duration LIMIT = Duration.ofSeconds(120);
  private static final Pattern GENERATION = Pattern.compile("total (\\d+)K, used (\\d+)K");
  private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");

  /** Heap used and committed after a GC, and Metaspace used, in bytes. */
  record Heap(long usedBytes, long committedBytes, long metaspaceBytes) {}

  private JvmProbe() {
  }

  /** Runs a full GC in {@code pid}, then reads its heap (Serial: young + old generation; G1: one line; Metaspace when printed). */
  static Heap afterGc(long pid) {
    jcmd(pid, "GC.run");
    return parse(jcmd(pid, "GC.heap_info"));
  }

  static Heap parse(String heapInfo) {
    long used = 0;
    long committed = 0;
    long metaspace = 0;
    for (String line : heapInfo.split("\n")) {
      // Only the generation (Serial: "DefNew", "Tenured") or whole-heap (G1) lines carry "total".
      Matcher g = GENERATION.matcher(line);
      if (g.find()) {
        committed += Long.parseLong(g.group(1)) * 1024;
        used += Long.parseLong(g.group(2)) * 1024;
      }
      Matcher m = METASPACE.matcher(line);
      if (m.find()) {
        metaspace = Long.parseLong(m.group(1)) * 1024;
      }
    }
    return new Heap(used, committed, metaspace);
  }

  /** The first {@code lines} lines of {@code GC.class_histogram} (the classes holding most heap). */
  static String classHistogram(long pid, int lines) {
    String[] all = jcmd(pid, "GC.class_histogram").split("\n");
    StringBuilder top = new StringBuilder();
    for (int i = 0; i < Math.min(lines, all.length); i++) {
      top.append(all[i]).append('\n');
    }
    return top.toString();
  }

  private static String jcmd(long pid, String command) {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    return Commands.run(LIMIT, jcmd, String.valueOf(pid), command);
  }
}
