package dev.switchboard.medianode.lifecycle;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the node takes new work: ready from the start, draining for good once shutdown began
 * ({@code GET /ready} answers 503 then, so Kubernetes takes the pod out of the headless service's
 * DNS and the wrappers move its sessions away). Thread-safe (one atomic flag).
 */
public final class Readiness {
  private final AtomicBoolean draining = new AtomicBoolean();

  /** Marks the node draining; true if this call did (false: it was already). */
  public boolean startDraining() {
    return draining.compareAndSet(false, true);
  }

  public boolean isDraining() {
    return draining.get();
  }

  public boolean isReady() {
    return !draining.get();
  }
}
