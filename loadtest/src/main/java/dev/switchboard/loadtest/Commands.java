package dev.switchboard.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short system commands ({@code ip ...}) with a time limit and their output for errors. Stateless. */
public final class Commands {
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private Commands() {
  }

  /** Runs {@code command}; returns its output, or throws with the output when it fails or overruns. */
  static String run(String... command) {
    return run(LIMIT, command);
  }

  /** Runs {@code command} with its own time limit; returns its output, or throws when it fails or overruns. */
  public static String run(Duration limit, String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      // Read while it runs: a long output (a class histogram) would otherwise fill the pipe and stall it.
      java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return "";
        }
      }, Thread.ofVirtual()::start);
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + limit);
      }
      String out = output.join();
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
