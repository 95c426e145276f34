package dev.switchboard.api.poll;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ends waiting long polls when the api shuts down: they answer what they have (usually nothing)
 * at once, so a terminating pod does not hold its clients for up to a whole poll wait and their
 * next poll goes to another instance. Its stop runs first (the highest phase), before the web
 * server's graceful shutdown waits for running requests. Thread-safe.
 */
@Component
public class PollDrain implements SmartLifecycle {
  private final Set<CompletableFuture<Boolean>> waiting = ConcurrentHashMap.newKeySet();
  private volatile boolean running;
  private volatile boolean draining;

  /**
   * Ends {@code arrived} with false when the api stops (at once if it is stopping already); run the
   * returned action once the poll is done waiting.
   */
  Runnable watch(CompletableFuture<Boolean> arrived) {
    waiting.add(arrived);
    if (draining) {
      arrived.complete(false);
    }
    return () -> waiting.remove(arrived);
  }

  public boolean draining() {
    return draining;
  }

  @Override
  public void start() {
    draining = false;
    running = true;
  }

  @Override
  public void stop() {
    draining = true;
    running = false;
    waiting.forEach(arrived -> arrived.complete(false));
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
