package dev.switchboard.loadtest.signalling;

import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.loadtest.Pacer;
import dev.switchboard.loadtest.cluster.CallParticipant;
import dev.switchboard.local.LocalCluster;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.webrtc.peer.HeadlessPeer;
import dev.switchboard.webrtc.peer.PeerOptions;
import dev.switchboard.webrtc.peer.PeerReceivers;
import dev.switchboard.webrtc.peer.SyntheticPublisher;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The signalling scenario on one running cluster: arrivals dispatched on a fixed schedule (each
 * due time computed from the start, so a late one does not push the rest), each on its own virtual
 * thread: join a session through the api front, wait for {@code existingParticipants}, publish
 * with a {@link HeadlessPeer}, receive every participant of its session already publishing, wait
 * for the first media packet, then hold until its session is complete and leave. One pacer thread
 * sends every publisher's media; two selector threads read every peer. The caller's thread
 * dispatches and samples the processes' CPU once a second.
 */
final class SignallingScenario {
  private static final Duration LEAVE_GRACE = Duration.ofSeconds(2);

  private final SignallingLoad load;
  private final Consumer<String> progress;

  SignallingScenario(SignallingLoad load, Consumer<String> progress) {
    this.load = load;
    this.progress = progress;
  }

  /** Warms up, then runs the measured arrivals at {@code load.rate()}; every session it made is left. */
  TopologyRun run(LocalCluster cluster, int apis, int wrappers, ApiClient client) {
    String label = apis + "x" + wrappers + " @" + load.rate() + "/s";
    long hardStop = System.nanoTime() + load.deadline().toNanos();
    PeerReceivers[] receivers = {new PeerReceivers("signalling-rx-0"), new PeerReceivers("signalling-rx-1")};
    try (Pacer pacer = new Pacer(List.of(), load.media(), hardStop)) {
      Wave warm = new Wave(cluster.url(), client, pacer, receivers, load.warmUpJoins(), SignallingLoad.WARM_UP_RATE,
          hardStop);
      List<Arrival> warmed = warm.run(null);
      long warmFailures = warmed.stream().filter(a -> a.error() != null).count();
      progress.accept(label + ": warm-up " + warmed.size() + " joins, " + warmFailures + " failed"
          + (warmFailures > 0 ? " (first: " + warmed.stream().filter(a -> a.error() != null).findFirst()
          .map(Arrival::error).orElse("") + ")" : ""));
      Map<String, Long> pids = new LinkedHashMap<>();
      for (String name : cluster.names()) {
        pids.put(name, cluster.pid(name));
      }
      pids.put("load generator", ProcessHandle.current().pid());
      CpuSampler sampler = new CpuSampler(pids);
      Wave measured = new Wave(cluster.url(), client, pacer, receivers, load.joins(), load.rate(), hardStop);
      List<Arrival> arrivals = measured.run(sampler);
      String error = measured.deadlineHit ? "total deadline of " + load.deadline().toSeconds() + " s reached" : null;
      return new TopologyRun(apis, wrappers, load.rate(), arrivals, sampler.usage(), measured.spanSeconds, error);
    } finally {
      for (PeerReceivers r : receivers) {
        r.close();
      }
    }
  }

  /** One batch of arrivals at one rate; run once. */
  private final class Wave {
    private final String url;
    private final ApiClient client;
    private final Pacer pacer;
    private final PeerReceivers[] receivers;
    private final int count;
    private final int rate;
    private final long hardStop;
    private final List<SessionSlot> sessions = new ArrayList<>();
    volatile boolean deadlineHit;
    double spanSeconds;

    Wave(String url, ApiClient client, Pacer pacer, PeerReceivers[] receivers, int count, int rate, long hardStop) {
      this.url = url;
      this.client = client;
      this.pacer = pacer;
      this.receivers = receivers;
      this.count = count;
      this.rate = rate;
      this.hardStop = hardStop;
    }

    List<Arrival> run(CpuSampler sampler) {
      if (count == 0) {
        return List.of();
      }
      for (int s = 0; s * load.sessionSize() < count; s++) {
        sessions.add(new SessionSlot(Math.min(load.sessionSize(), count - s * load.sessionSize())));
      }
      long period = TimeUnit.SECONDS.toNanos(1) / rate;
      List<Future<Arrival>> futures = new ArrayList<>();
      try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        if (sampler != null) {
          sampler.start();
        }
        long nextSample = start;
        long nextProgress = start + TimeUnit.SECONDS.toNanos(5);
        for (int i = 0; i < count && System.nanoTime() - hardStop < 0; i++) {
          long due = start + i * period;
          while (true) {
            long now = System.nanoTime();
            if (sampler != null && now - nextSample >= 0) {
              sampler.sample();
              nextSample += TimeUnit.SECONDS.toNanos(1);
            }
            if (now - nextProgress >= 0) {
              progress.accept(String.format("  ... %d/%d arrivals dispatched", i, count));
              nextProgress += TimeUnit.SECONDS.toNanos(5);
            }
            long left = due - now;
            if (left <= 0) {
              break;
            }
            // Sleep to the due time (absolute, so no drift), waking for the 1 s CPU sample.
            long untilSample = sampler == null ? left : nextSample - now;
            TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(left, untilSample)));
          }
          int index = i;
          long dispatched = System.nanoTime();
          futures.add(workers.submit(() -> arrive(index, start, due, dispatched)));
        }
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
          arrivals.add(collect(futures.get(i), i, start, sampler));
        }
        if (sampler != null) {
          sampler.stop();
        }
        spanSeconds = spanOf(arrivals, start);
        deadlineHit |= futures.size() < count;
        return arrivals;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    /** Waits for one arrival (bounded by the deadline), sampling CPU meanwhile. */
    private Arrival collect(Future<Arrival> future, int index, long start, CpuSampler sampler)
        throws InterruptedException {
      while (true) {
        long left = hardStop - System.nanoTime();
        if (left <= 0) {
          deadlineHit = true;
          future.cancel(true);
          return new Arrival(index, 0, 0, null, null, null, null, null, null, 0, "deadline: not finished");
        }
        try {
          return future.get(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          if (sampler != null) {
            sampler.sample();
          }
        } catch (java.util.concurrent.ExecutionException e) {
          return new Arrival(index, 0, 0, null, null, null, null, null, null, 0, "crashed: " + e.getCause());
        }
      }
    }

    /** From the first due time to the last answer (or, without one, to now). */
    private static double spanOf(List<Arrival> arrivals, long start) {
      double last = 0;
      for (Arrival a : arrivals) {
        if (a.answer() != null) {
          last = Math.max(last, a.atSeconds() + a.answer() / 1000.0);
        }
      }
      return last > 0 ? last : (System.nanoTime() - start) / 1e9;
    }

    private Arrival arrive(int index, long start, long due, long dispatched) {
      SessionSlot slot = sessions.get(index / load.sessionSize());
      Timings t = new Timings(index, (dispatched - start) / 1e9, (dispatched - due) / 1e6);
      CallParticipant participant = null;
      SyntheticPublisher media = null;
      try {
        String sessionId = slot.sessionId(client, url, load.stepTimeout());
        t.stage = "join";
        participant = CallParticipant.join(client, url, sessionId, "sig-" + index);
        long joined = participant.joinSentNanos;
        t.stage = "existingParticipants";
        CallParticipant.Received existing = participant.await(ExistingParticipants.class, e -> true,
            load.stepTimeout());
        if (existing == null) {
          throw new IllegalStateException("no existingParticipants within " + load.stepTimeout());
        }
        t.existing = millis(existing.atNanos() - joined);
        t.stage = "publish";
        CallParticipant.Connection published = participant.publish(options(true), receivers[index % 2],
            load.stepTimeout());
        t.answer = millis(published.answeredNanos() - joined);
        t.offerToAnswer = millis(published.answeredNanos() - published.offerSentNanos());
        t.connected = millis(published.connectedNanos() - joined);
        media = new SyntheticPublisher(published.peer(), load.media().videoBytes());
        pacer.add(media);
        // Who publishes already: later arrivals of the session will receive this one in turn.
        List<String> sources = slot.publishedAndAdd(participant.participantId);
        t.receivesFrom = sources.size();
        t.stage = "receive";
        CallParticipant p = participant;
        List<CompletableFuture<CallParticipant.Connection>> subscriptions = new ArrayList<>();
        for (String source : sources) {
          subscriptions.add(CompletableFuture.supplyAsync(() -> p.receive(source, options(false),
              receivers[source.hashCode() & 1], load.stepTimeout()), Thread::startVirtualThread));
        }
        List<HeadlessPeer> incoming = new ArrayList<>();
        for (CompletableFuture<CallParticipant.Connection> s : subscriptions) {
          incoming.add(s.get(load.stepTimeout().toNanos() * 2, TimeUnit.NANOSECONDS).peer());
        }
        if (!incoming.isEmpty()) {
          t.receiving = millis(System.nanoTime() - joined);
          t.stage = "first media";
          long first = awaitFirstMedia(incoming, load.stepTimeout());
          if (first == 0) {
            throw new IllegalStateException("no media from " + incoming.size() + " participant(s) within "
                + load.stepTimeout());
          }
          t.firstMedia = millis(first - joined);
        }
        t.stage = null;
      } catch (Exception e) {
        Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
            ? e.getCause() : e;
        t.error = t.stage + ": " + cause.getMessage();
      } finally {
        slot.done();
        // Hold until the whole session has measured, so later arrivals have media to receive.
        slot.awaitComplete(load.stepTimeout().multipliedBy(4));
        if (media != null) {
          pacer.remove(media);
        }
        if (participant != null) {
          leaveQuietly(participant);
        }
      }
      return t.toArrival();
    }

    private PeerOptions options(boolean send) {
      return new PeerOptions(InetAddress.getLoopbackAddress(), true, true, send, !send, load.stepTimeout());
    }
  }

  /** The earliest first-packet time over the peers, waiting (bounded) until one has it; 0 when none. */
  private static long awaitFirstMedia(List<HeadlessPeer> peers, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      long first = 0;
      for (HeadlessPeer peer : peers) {
        long at = peer.stats().firstRtpNanos();
        if (at != 0 && (first == 0 || at - first < 0)) {
          first = at;
        }
      }
      if (first != 0) {
        return first;
      }
      // The receive thread stamps the arrival time itself, so this polling does not blur the figure.
      Thread.sleep(2);
    }
    return 0;
  }

  private static void leaveQuietly(CallParticipant participant) {
    try {
      participant.leave();
    } catch (RuntimeException e) {
      // counted as a leftover: the queues are deleted after the run anyway
    } finally {
      participant.close();
    }
  }

  private static Double millis(long nanos) {
    return nanos / 1e6;
  }

  /** Mutable figures of one arrival while it runs; one virtual thread writes them. */
  private static final class Timings {
    final int index;
    final double atSeconds;
    final double lateMillis;
    Double existing;
    Double answer;
    Double offerToAnswer;
    Double connected;
    Double receiving;
    Double firstMedia;
    int receivesFrom;
    String stage = "session";
    String error;

    Timings(int index, double atSeconds, double lateMillis) {
      this.index = index;
      this.atSeconds = atSeconds;
      this.lateMillis = lateMillis;
    }

    Arrival toArrival() {
      return new Arrival(index, atSeconds, lateMillis, existing, answer, offerToAnswer, connected, receiving, firstMedia,
          receivesFrom, error);
    }
  }
}
