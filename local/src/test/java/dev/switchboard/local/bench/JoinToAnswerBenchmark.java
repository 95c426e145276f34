package dev.switchboard.local.bench;

import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.local.support.Fixtures;
import dev.switchboard.local.support.TestCluster;
import dev.switchboard.local.support.TestParticipant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Join-to-answer latency through the whole path (REST -> RabbitMQ -> wrapper -> medianode ->
 * RabbitMQ -> long poll) at a fixed arrival rate: each arrival joins a session of four, waits
 * for its first message, publishes a real Chromium offer and waits for the answer. Prints p50,
 * p99 and max. A benchmark, not a test: run it with {@code ./switchboard bench-join [rate] [joins]}.
 */
public final class JoinToAnswerBenchmark {
  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int joins = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int apis = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int wrappers = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    System.out.printf("join-to-answer: %d joins at %d/s, %d api + %d wrapper instances, sessions of 4%n",
        joins, rate, apis, wrappers);
    String offer = Fixtures.chromiumOffer("sendonly");
    try (TestCluster cluster = new TestCluster(apis, wrappers)) {
      warmUp(cluster, offer);
      ConcurrentLinkedQueue<Long> joinToAnswerMicros = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> offerToAnswerMicros = new ConcurrentLinkedQueue<>();
      AtomicInteger failures = new AtomicInteger();
      List<String> sessions = Collections.synchronizedList(new ArrayList<>());
      ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
      long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
      long start = System.nanoTime();
      for (int i = 0; i < joins; i++) {
        long due = start + i * periodNanos;
        long now = System.nanoTime();
        if (due > now) {
          TimeUnit.NANOSECONDS.sleep(due - now);
        }
        if (i % 4 == 0) {
          sessions.add(cluster.client.createSession(cluster.apiUrl(i)));
        }
        String sid = sessions.getLast();
        int index = i;
        workers.submit(() -> {
          try {
            long t0 = System.nanoTime();
            TestParticipant p = TestParticipant.join(cluster, index, sid, "bench-" + index);
            p.await(ExistingParticipants.class, e -> true, Duration.ofSeconds(30));
            long t1 = System.nanoTime();
            p.offer(p.participantId, offer);
            p.await(Answer.class, a -> a.target().equals(p.participantId), Duration.ofSeconds(30));
            long t2 = System.nanoTime();
            joinToAnswerMicros.add((t2 - t0) / 1_000);
            offerToAnswerMicros.add((t2 - t1) / 1_000);
          } catch (RuntimeException | AssertionError e) {
            failures.incrementAndGet();
          }
          if ((index + 1) % 50 == 0) {
            System.out.printf("  ... %d/%d joins done%n", index + 1, joins);
          }
        });
      }
      workers.shutdown();
      workers.awaitTermination(2, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("completed %d of %d in %.1f s (%.1f joins/s), failures %d%n",
          joinToAnswerMicros.size(), joins, seconds, joinToAnswerMicros.size() / seconds, failures.get());
      report("join-to-answer ", joinToAnswerMicros);
      report("offer-to-answer", offerToAnswerMicros);
    }
  }

  private static void warmUp(TestCluster cluster, String offer) {
    String sid = cluster.client.createSession(cluster.apiUrl(0));
    for (int i = 0; i < 8; i++) {
      TestParticipant p = TestParticipant.join(cluster, i, sid, "warm-" + i);
      p.offer(p.participantId, offer);
      p.await(Answer.class, a -> a.target().equals(p.participantId), Duration.ofSeconds(30));
    }
  }

  private static void report(String label, ConcurrentLinkedQueue<Long> micros) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      System.out.println(label + ": no samples");
      return;
    }
    System.out.printf("%s ms: p50 %.1f  p99 %.1f  max %.1f  (n=%d)%n", label,
        pct(sorted, 0.50) / 1000.0, pct(sorted, 0.99) / 1000.0, sorted.getLast() / 1000.0, sorted.size());
  }

  private static long pct(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
