package dev.switchboard.loadtest.signalling;

import dev.switchboard.local.client.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One session of the scenario as its arrivals share it: created through the api by whichever
 * arrival comes first, the participants publishing so far, and a latch its members hold on until
 * every member has measured (so later members have media to receive). Thread-safe.
 */
final class SessionSlot {
  private final CompletableFuture<String> sessionId = new CompletableFuture<>();
  private final List<String> publishing = new ArrayList<>();
  private final CountDownLatch measured;
  private boolean creating;

  SessionSlot(int members) {
    this.measured = new CountDownLatch(members);
  }

  /** The session's id, creating the session through the api on the first call. */
  String sessionId(ApiClient client, String url, Duration timeout) throws Exception {
    boolean create;
    synchronized (this) {
      create = !creating;
      creating = true;
    }
    if (create) {
      try {
        sessionId.complete(client.createSession(url));
      } catch (RuntimeException | Error e) {
        sessionId.completeExceptionally(e);
      }
    }
    return sessionId.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The participants publishing before this one, which is added after them. */
  synchronized List<String> publishedAndAdd(String participantId) {
    List<String> before = List.copyOf(publishing);
    publishing.add(participantId);
    return before;
  }

  /** One member has measured (or failed). */
  void done() {
    measured.countDown();
  }

  /** Waits (bounded) until every member has measured. */
  void awaitComplete(Duration timeout) {
    try {
      measured.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
