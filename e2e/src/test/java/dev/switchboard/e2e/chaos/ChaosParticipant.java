package dev.switchboard.e2e.chaos;

import dev.switchboard.contracts.messages.Delivery;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.contracts.rest.JoinResponse;
import dev.switchboard.contracts.rest.OfferRequest;
import dev.switchboard.local.client.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A participant driven through the api front as the web client does it, for chaos tests: requests
 * are retried while instances die, polls pass {@code after=<last seq>}, and every delivery is
 * checked to follow the previous one by exactly one. The poll loop runs on its own virtual
 * thread; the other methods may be called from any thread (state is guarded by this object).
 */
final class ChaosParticipant implements AutoCloseable {
  /** One delivery as received, with the moment it arrived. */
  record Received(long seq, ParticipantMessage message, long atNanos) {}

  private static final Duration REQUEST_BOUND = Duration.ofSeconds(60);

  final String sessionId;
  final String participantId;
  final String token;
  final String name;
  /** When the join request was sent (System.nanoTime). */
  final long joinSentNanos;
  private final ChaosHarness harness;
  private final List<Received> received = new ArrayList<>();
  private final Map<String, Integer> pollFailures = new TreeMap<>();
  private long lastSeq;
  private int gaps;
  private int repeatedSeqs;
  private int failedPolls;
  private long failingSince = -1;
  private long longestFailureNanos;
  private volatile boolean polling;
  private Thread poller;

  private ChaosParticipant(ChaosHarness harness, String sessionId, JoinResponse join, String name, long sent) {
    this.harness = harness;
    this.sessionId = sessionId;
    this.participantId = join.participantId();
    this.token = join.token();
    this.name = name;
    this.joinSentNanos = sent;
  }

  /** Joins through the front, retrying failed requests (a retried join may leave an orphan participant). */
  static ChaosParticipant join(ChaosHarness harness, String sessionId, String name) {
    long sent = System.nanoTime();
    ApiClient.Reply reply = harness.retrying("join " + name, 201,
        () -> harness.client.send(harness.front, "POST", "/api/sessions/" + sessionId + "/participants",
            harness.client.applicationKey(), Map.of("name", name)));
    JoinResponse join = reply.as(JoinResponse.class);
    harness.client.createdParticipants.add(join.participantId());
    ChaosParticipant participant = new ChaosParticipant(harness, sessionId, join, name, sent);
    harness.participants.add(participant);
    return participant;
  }

  /** Publishes (target = self) or subscribes with a real Chromium offer; retried until accepted. */
  void offer(String target, String sdp) {
    harness.retrying("offer of " + name, 202,
        () -> harness.client.send(harness.front, "POST", base() + "/offers", token, new OfferRequest(target, sdp)));
  }

  void leave() {
    harness.retrying("leave of " + name, 204, () -> harness.client.send(harness.front, "DELETE", base(), token, null));
  }

  /** Polls continuously on a virtual thread until {@link #stopPolling}. */
  synchronized void startPolling(int waitSeconds) {
    if (polling) {
      return;
    }
    polling = true;
    poller = Thread.ofVirtual().name("poll-" + name).start(() -> {
      while (polling) {
        if (!pollOnce(waitSeconds)) {
          pause(Duration.ofMillis(200));
        }
      }
    });
  }

  /** Ends the poll loop; an in-flight long poll is abandoned. */
  void stopPolling() {
    Thread thread;
    synchronized (this) {
      polling = false;
      thread = poller;
      poller = null;
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One poll acknowledging everything received so far; false when it failed (status or I/O). */
  boolean pollOnce(int waitSeconds) {
    long after;
    synchronized (this) {
      after = lastSeq;
    }
    ApiClient.Reply reply;
    try {
      reply = harness.client.send(harness.front, "GET", base() + "/messages?after=" + after + "&wait=" + waitSeconds,
          token, null);
    } catch (RuntimeException e) {
      if (!Thread.currentThread().isInterrupted()) {
        failed("io"); // not when stopPolling abandoned it
      }
      return false;
    }
    if (reply.status() != 200) {
      failed(String.valueOf(reply.status()));
      return false;
    }
    Delivery[] deliveries = ApiClient.JSON.readValue(reply.body(), Delivery[].class);
    long now = System.nanoTime();
    synchronized (this) {
      if (failingSince >= 0) {
        longestFailureNanos = Math.max(longestFailureNanos, now - failingSince);
        failingSince = -1;
      }
      for (Delivery delivery : deliveries) {
        if (delivery.seq() <= lastSeq) {
          repeatedSeqs++; // a poll whose answer was lost, asked again: same numbers, dropped here
          continue;
        }
        if (delivery.seq() != lastSeq + 1) {
          gaps++;
        }
        lastSeq = delivery.seq();
        received.add(new Received(delivery.seq(), delivery.message(), now));
      }
      notifyAll();
    }
    return true;
  }

  private synchronized void failed(String why) {
    failedPolls++;
    pollFailures.merge(why, 1, Integer::sum);
    if (failingSince < 0) {
      failingSince = System.nanoTime();
    }
  }

  /** Waits until a message of this type matching {@code match} has arrived; null when the time is up. */
  synchronized <T extends ParticipantMessage> Received await(Class<T> type, Predicate<T> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    while (true) {
      for (; checked < received.size(); checked++) {
        ParticipantMessage message = received.get(checked).message();
        if (type.isInstance(message) && match.test(type.cast(message))) {
          return received.get(checked);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  synchronized <T extends ParticipantMessage> List<T> receivedOf(Class<T> type) {
    return received.stream().map(Received::message).filter(type::isInstance).map(type::cast).toList();
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  synchronized int gaps() {
    return gaps;
  }

  synchronized int repeatedSeqs() {
    return repeatedSeqs;
  }

  synchronized int failedPolls() {
    return failedPolls;
  }

  synchronized Map<String, Integer> pollFailures() {
    return Map.copyOf(pollFailures);
  }

  synchronized long longestFailureMillis() {
    return longestFailureNanos / 1_000_000;
  }

  /** The seq numbers received, in order: must be 1, 2, 3, ... */
  synchronized List<Long> seqs() {
    return received.stream().map(Received::seq).toList();
  }

  private String base() {
    return "/api/sessions/" + sessionId + "/participants/" + participantId;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stopPolling();
  }

  @Override
  public String toString() {
    return name + "(" + participantId + ")";
  }
}
