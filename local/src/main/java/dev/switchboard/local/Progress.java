package dev.switchboard.local;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** Prints one line per start-up step ("medianode… ok 0.3 s") on the console; used by the starting thread only. */
final class Progress {
  private final PrintStream out;

  Progress(PrintStream out) {
    this.out = out;
  }

  /** Runs one step, printing its label first and "ok" with its duration, or "failed", after it. */
  <T> T step(String label, Callable<T> step) throws Exception {
    out.print(label + "… ");
    out.flush();
    long start = System.nanoTime();
    try {
      T result = step.call();
      out.printf("ok %.1f s%n", (System.nanoTime() - start) / 1e9);
      return result;
    } catch (Exception | Error e) {
      out.println("failed: " + e);
      throw e;
    }
  }

  void line(String text) {
    out.println(text);
  }
}
