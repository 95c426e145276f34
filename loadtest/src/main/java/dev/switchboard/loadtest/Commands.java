package dev.switchboard.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short system commands ({@code ip ...}) with a time limit and their output for errors. Stateless. */
final class Commands {
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private Commands() {
  }

  /** Runs {@code command}; returns its output, or throws with the output when it fails or overruns. */
  static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + LIMIT);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.trim());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
    }
  }

  /** Like {@link #run} but only records a failure in {@code problems}; for tear-down. */
  static void bestEffort(List<String> problems, String... command) {
    try {
      run(command);
    } catch (RuntimeException e) {
      problems.add(e.getMessage());
    }
  }
}
