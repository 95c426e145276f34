package dev.switchboard.medianode.browser;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling, the only way the browser tests wait. Stateless. */
public final class Poll {
  static final Duration INTERVAL = Duration.ofMillis(500);

  private Poll() {}

  /**
   * Evaluates {@code done} every {@link #INTERVAL} until it is true or {@code timeout} has passed;
   * returns its last value.
   */
  public static boolean until(Duration timeout, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (done.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(INTERVAL);
    }
  }
}
