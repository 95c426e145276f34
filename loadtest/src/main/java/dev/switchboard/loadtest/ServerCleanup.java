package dev.switchboard.loadtest;

/**
 * Tears down what the benchmark started for one server (its process, its network namespace and
 * anything else the owner adds) exactly once: on close, or from a shutdown hook when the JVM
 * exits first (Ctrl-C), since child processes and namespaces outlive their parent. Thread-safe:
 * the owner's thread and the hook may race, so every method is synchronized.
 */
final class ServerCleanup implements AutoCloseable {
  private final Thread hook;
  private final Runnable last;
  private Process process;
  private NetworkNamespace namespace;
  private boolean closed;

  /** Registers the hook at once; {@code last} runs after the process and namespace are gone. */
  ServerCleanup(String name, Runnable last) {
    this.hook = new Thread(this::tearDown, name);
    this.last = last;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  synchronized void process(Process started) {
    this.process = started;
  }

  synchronized void namespace(NetworkNamespace created) {
    this.namespace = created;
  }

  @Override
  public void close() {
    tearDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down and the hook runs anyway
    }
  }

  private synchronized void tearDown() {
    if (closed) {
      return;
    }
    closed = true;
    if (process != null) {
      Processes.stop(process);
    }
    if (namespace != null) {
      namespace.close();
    }
    last.run();
  }
}
