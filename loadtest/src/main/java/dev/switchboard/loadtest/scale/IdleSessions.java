package dev.switchboard.loadtest.scale;

import dev.switchboard.contracts.messages.Delivery;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.contracts.messages.ParticipantJoined;
import dev.switchboard.contracts.rest.JoinResponse;
import dev.switchboard.local.client.ApiClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sessions of idle participants made through the api only: each session is created, joined by its
 * participants, and each join confirmed by polling for the wrapper's {@code existingParticipants}
 * (so the session queue was consumed and the user queue exists). Draining participants then read
 * and acknowledge until they know everyone, so their queues end empty (an idle client that keeps
 * up); otherwise the later messages stay unread in the queues. Afterwards nobody polls. Requests run on virtual threads with bounded
 * concurrency; the driving thread prints a progress line every few seconds. Methods are called
 * from one driving thread; the created sessions are collected thread-safely.
 */
final class IdleSessions {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
  private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);
  private static final int CONFIRM_WAIT_SECONDS = 10;
  private static final int POLL_ATTEMPTS = 8;

  /** One idle participant: its ids and token, and the last seq it saw and when (written by one poll at a time). */
  static final class Member {
    final String sessionId;
    final String participantId;
    final String token;
    volatile long seq;
    volatile long polledNanos;

    Member(String sessionId, String participantId, String token, long seq) {
      this.sessionId = sessionId;
      this.participantId = participantId;
      this.token = token;
      this.seq = seq;
      this.polledNanos = System.nanoTime();
    }
  }

  /** How a ramp went: sessions created (fully joined and confirmed) and failed, the first error. */
  record Ramp(int created, int failed, String firstError, double seconds, boolean timedOut) {}

  private final ApiClient api;
  private final String baseUrl;
  private final int participants;
  private final int concurrency;
  private final boolean drain;
  private final ConcurrentLinkedQueue<Member> members = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sessions = new AtomicInteger();

  IdleSessions(ApiClient api, String baseUrl, int participants, int concurrency, boolean drain) {
    this.drain = drain;
    this.api = api;
    this.baseUrl = baseUrl;
    this.participants = participants;
    this.concurrency = concurrency;
  }

  int sessions() {
    return sessions.get();
  }

  int members() {
    return members.size();
  }

  /**
   * Creates sessions until {@link #sessions} reaches {@code target}, stopping early when {@code limit}
   * passes or more than {@code maxFailures} sessions fail.
   */
  Ramp rampTo(int target, Duration limit, int maxFailures, PrintStream out, String label) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    long nextProgress = start + PROGRESS_EVERY.toNanos();
    int toCreate = target - sessions.get();
    AtomicInteger created = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    Semaphore slots = new Semaphore(concurrency);
    boolean timedOut = false;
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      int submitted = 0;
      while (submitted < toCreate && failed.get() <= maxFailures) {
        if (System.nanoTime() > deadline) {
          timedOut = true;
          break;
        }
        if (System.nanoTime() > nextProgress) {
          nextProgress += PROGRESS_EVERY.toNanos();
          progress(out, label, target, failed.get(), firstError.get(), start);
        }
        if (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
          continue;
        }
        submitted++;
        executor.execute(() -> {
          try {
            createOne();
            created.incrementAndGet();
          } catch (RuntimeException | Error e) {
            failed.incrementAndGet();
            firstError.compareAndSet(null, e.toString());
          } finally {
            slots.release();
          }
        });
      }
      // Let the ones in flight finish (each is bounded by the HTTP timeouts), still printing progress.
      while (slots.availablePermits() < concurrency) {
        Thread.sleep(200);
        if (System.nanoTime() > nextProgress) {
          nextProgress += PROGRESS_EVERY.toNanos();
          progress(out, label, target, failed.get(), firstError.get(), start);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    progress(out, label, target, failed.get(), firstError.get(), start);
    return new Ramp(created.get(), failed.get(), firstError.get(), seconds, timedOut);
  }

  private void progress(PrintStream out, String label, int target, int failed, String firstError, long start) {
    out.printf("  %s: %d/%d sessions, %d participants, %d failed, %.0f s%s%n", label, sessions.get(), target,
        members.size(), failed, (System.nanoTime() - start) / 1e9, firstError == null ? "" : " (first: " + firstError + ")");
  }

  private void createOne() {
    String sessionId = api.createSession(baseUrl);
    List<JoinResponse> joins = new ArrayList<>();
    for (int i = 0; i < participants; i++) {
      joins.add(api.join(baseUrl, sessionId, "idle-" + i));
    }
    List<Member> confirmed = new ArrayList<>();
    for (JoinResponse join : joins) {
      confirmed.add(confirm(sessionId, join, participants - 1));
    }
    members.addAll(confirmed);
    sessions.incrementAndGet();
  }

  /**
   * Polls until the wrapper's welcome arrives (it may follow a {@code participantJoined} of a later
   * joiner whose join was handled first), acknowledging what came before it. When draining, also
   * until this participant knows every other one of its session, and then acknowledges everything,
   * leaving its queue empty as a client that keeps up with its messages does. Bounded by time.
   */
  private Member confirm(String sessionId, JoinResponse join, int expectedPeers) {
    long deadline = System.nanoTime() + CONFIRM_TIMEOUT.toNanos();
    long seq = 0;
    boolean welcomed = false;
    Set<String> peers = new HashSet<>();
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline && !(welcomed && (!drain || peers.size() >= expectedPeers))) {
      List<Delivery> deliveries = poll(sessionId, join.participantId(), join.token(), seq, CONFIRM_WAIT_SECONDS);
      for (Delivery d : deliveries) {
        seq = Math.max(seq, d.seq());
        seen.add(d.message().getClass().getSimpleName());
        if (d.message() instanceof ExistingParticipants existing) {
          welcomed = true;
          existing.participants().forEach(p -> peers.add(p.participantId()));
        } else if (d.message() instanceof ParticipantJoined joined) {
          peers.add(joined.participantId());
        }
        // The joiner's own queue is bound to the session before its join is handled: it hears of itself too.
        peers.remove(join.participantId());
      }
    }
    if (!welcomed || (drain && peers.size() < expectedPeers)) {
      throw new IllegalStateException("participant " + join.participantId() + " not welcomed"
          + (drain ? " and told of " + expectedPeers + " others" : "") + " within " + CONFIRM_TIMEOUT.toSeconds()
          + " s (got " + seen + ")");
    }
    if (drain) {
      poll(sessionId, join.participantId(), join.token(), seq, 0);
    }
    return new Member(sessionId, join.participantId(), join.token(), seq);
  }

  /**
   * One poll; a 409 POLL_IN_PROGRESS (the api still holds the lease of this participant's previous
   * poll for a moment after answering it) is retried after a short pause, a few times.
   */
  private List<Delivery> poll(String sessionId, String participantId, String token, long after, int waitSeconds) {
    String path = "/api/sessions/" + sessionId + "/participants/" + participantId + "/messages?after=" + after
        + "&wait=" + waitSeconds;
    for (int attempt = 1; ; attempt++) {
      ApiClient.Reply reply = api.send(baseUrl, "GET", path, token, null);
      if (reply.status() == 200) {
        return java.util.Arrays.asList(reply.as(Delivery[].class));
      }
      if (reply.status() != 409 || attempt >= POLL_ATTEMPTS) {
        throw new IllegalStateException("poll of " + participantId + ": HTTP " + reply.status() + " " + reply.body());
      }
      try {
        Thread.sleep(250L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Polls once, without waiting, every participant that has not polled for {@code age}: user
   * queues expire after 10 minutes unused, and a long ramp must not lose its first participants.
   * Returns how many polled.
   */
  int refresh(Duration age) throws InterruptedException {
    long cutoff = System.nanoTime() - age.toNanos();
    List<Member> stale = members.stream().filter(m -> m.polledNanos < cutoff).toList();
    Semaphore slots = new Semaphore(concurrency);
    AtomicInteger polled = new AtomicInteger();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Member m : stale) {
        slots.acquire();
        executor.execute(() -> {
          try {
            List<Delivery> d = poll(m.sessionId, m.participantId, m.token, m.seq, 0);
            if (!d.isEmpty()) {
              m.seq = d.getLast().seq();
            }
            m.polledNanos = System.nanoTime();
            polled.incrementAndGet();
          } catch (RuntimeException e) {
            // Counted by the broker probe as a missing user queue if it matters.
          } finally {
            slots.release();
          }
        });
      }
    }
    return polled.get();
  }

  /** Every participant leaves (sessions end when empty), within {@code limit}; returns how many left. */
  int leaveAll(Duration limit, PrintStream out) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    Semaphore slots = new Semaphore(concurrency);
    AtomicInteger left = new AtomicInteger();
    int total = members.size();
    long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      Member m;
      while ((m = members.poll()) != null && System.nanoTime() < deadline) {
        if (System.nanoTime() > nextProgress) {
          nextProgress += PROGRESS_EVERY.toNanos();
          out.printf("  leaving: %d/%d participants%n", left.get(), total);
        }
        slots.acquire();
        Member member = m;
        executor.execute(() -> {
          try {
            api.send(baseUrl, "DELETE", "/api/sessions/" + member.sessionId + "/participants/"
                + member.participantId, member.token, null);
            left.incrementAndGet();
          } catch (RuntimeException e) {
            // The broker goes away with its folder anyway.
          } finally {
            slots.release();
          }
        });
      }
    }
    out.printf("  left: %d/%d participants%n", left.get(), total);
    sessions.set(0);
    return left.get();
  }
}
