package dev.switchboard.loadtest;

import java.util.concurrent.TimeUnit;

/** Stops a server process politely, then forcibly, with bounded waits. Stateless. */
final class Processes {
  private Processes() {
  }

  /** SIGTERM, up to 5 s, then SIGKILL and up to 5 s more. */
  static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
