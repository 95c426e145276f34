package dev.switchboard.loadtest;

import dev.switchboard.webrtc.peer.HeadlessPeer;
import dev.switchboard.webrtc.peer.PeerOptions;
import dev.switchboard.webrtc.peer.PeerReceivers;
import dev.switchboard.webrtc.peer.SyntheticPublisher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The forwarding scenario on one target: publishers of synthetic audio and video, each with the same
 * number of subscribers, added step by step; in each step every publisher sends through a warm-up,
 * then a measured window fixed before the first packet (publishers count what they stamp inside it,
 * subscribers what they receive with a stamp inside it, after a drain, so loss is exact), while the
 * server process's CPU and memory are read from /proc. Runs on the caller's thread; the pacer and
 * two selector threads that read every peer's socket are its own.
 */
final class ForwardScenario {
  private final ForwardLoad load;
  private final Consumer<String> progress;

  ForwardScenario(ForwardLoad load, Consumer<String> progress) {
    this.load = load;
    this.progress = progress;
  }

  /** What one target gave: a result per completed step, and the error that stopped the ramp, if any. */
  record Outcome(String target, List<StepResult> steps, String error, String notes) {
  }

  Outcome run(ForwardTarget target) {
    List<StepResult> results = new ArrayList<>();
    List<HeadlessPeer> all = new ArrayList<>();
    List<SyntheticPublisher> publishers = new ArrayList<>();
    List<List<HeadlessPeer>> subscribers = new ArrayList<>();
    // Two selector threads read every peer: a thread per peer would cost a wake-up per packet.
    PeerReceivers[] receivers = {new PeerReceivers("loadtest-rx-0"), new PeerReceivers("loadtest-rx-1")};
    String error = null;
    try {
      long baselineRss = ProcessStats.rssBytes(target.serverPid());
      for (int step : load.publisherSteps()) {
        long setupStart = System.nanoTime();
        int added = 0;
        while (publishers.size() < step) {
          HeadlessPeer publisher = peer(target, true, all, receivers);
          ForwardTarget.Feed feed = target.publish(publisher);
          publishers.add(new SyntheticPublisher(publisher, load.videoBytes()));
          List<HeadlessPeer> mine = new ArrayList<>();
          for (int s = 0; s < load.subscribers(); s++) {
            HeadlessPeer subscriber = peer(target, false, all, receivers);
            target.subscribe(feed, subscriber);
            mine.add(subscriber);
          }
          subscribers.add(mine);
          added += 1 + load.subscribers();
        }
        double setupMillis = (System.nanoTime() - setupStart) / 1e6 / Math.max(1, added);
        StepResult r = measure(target, publishers, subscribers, baselineRss, setupMillis);
        results.add(r);
        progress.accept(r.line(target.name()));
      }
    } catch (RuntimeException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
      progress.accept(target.name() + ": ramp stopped: " + error);
    } finally {
      all.forEach(HeadlessPeer::close);
      for (PeerReceivers r : receivers) {
        r.close();
      }
    }
    // Peers may agree on different SRTP profiles with different servers, and AES-GCM costs less.
    Map<String, Long> profiles = all.stream().filter(HeadlessPeer::connected)
        .collect(Collectors.groupingBy(p -> String.valueOf(p.srtpProfile()), TreeMap::new, Collectors.counting()));
    String notes = target.notes();
    return new Outcome(target.name(), results, error,
        "SRTP profiles " + profiles + (notes.isEmpty() ? "" : "; " + notes));
  }

  private HeadlessPeer peer(ForwardTarget target, boolean send, List<HeadlessPeer> all, PeerReceivers[] receivers) {
    PeerOptions options = new PeerOptions(target.peerAddress(), true, true, send, !send, load.connectTimeout());
    HeadlessPeer peer = HeadlessPeer.create(options, receivers[all.size() % receivers.length]);
    all.add(peer);
    return peer;
  }

  private StepResult measure(ForwardTarget target, List<SyntheticPublisher> publishers,
      List<List<HeadlessPeer>> subscribers, long baselineRss, double setupMillis) {
    long pid = target.serverPid();
    long self = ProcessHandle.current().pid();
    long windowStart = System.nanoTime() + load.warmUp().toNanos();
    long windowEnd = windowStart + load.window().toNanos();
    publishers.forEach(p -> p.countWindow(windowStart, windowEnd));
    subscribers.forEach(list -> list.forEach(s -> s.stats().countWindow(windowStart, windowEnd)));
    double cpu0;
    double self0;
    double cpu1;
    double self1;
    long t0;
    long t1;
    long hardStop = windowEnd + ForwardLoad.DRAIN.toNanos() + TimeUnit.SECONDS.toNanos(5);
    try (Pacer pacer = new Pacer(publishers, load, hardStop)) {
      sleepUntil(windowStart);
      cpu0 = ProcessStats.cpuSeconds(pid);
      self0 = ProcessStats.cpuSeconds(self);
      t0 = System.nanoTime();
      sleepUntil(windowEnd);
      cpu1 = ProcessStats.cpuSeconds(pid);
      self1 = ProcessStats.cpuSeconds(self);
      t1 = System.nanoTime();
    }
    // Senders stopped: what is still in flight arrives within the drain.
    sleepUntil(System.nanoTime() + ForwardLoad.DRAIN.toNanos());
    long rss = ProcessStats.rssBytes(pid);

    double wall = (t1 - t0) / 1e9;
    long expected = 0;
    long received = 0;
    List<long[]> samples = new ArrayList<>();
    for (int p = 0; p < publishers.size(); p++) {
      expected += publishers.get(p).windowSent() * subscribers.get(p).size();
      for (HeadlessPeer s : subscribers.get(p)) {
        received += s.stats().windowPackets();
        samples.add(s.stats().sortedLatencies());
      }
    }
    long[] latencies = merge(samples);
    int subscriptions = subscribers.stream().mapToInt(List::size).sum();
    double windowSeconds = load.window().toNanos() / 1e9;
    double delivered = received / windowSeconds;
    double mbps = delivered * load.meanPacketBytes() * 8 / 1e6;
    long lost = Math.max(0, expected - received);
    return new StepResult(publishers.size(), subscriptions, expected / windowSeconds, delivered, mbps,
        (cpu1 - cpu0) / wall, (self1 - self0) / wall, expected == 0 ? 0 : 100.0 * lost / expected, lost, expected,
        percentile(latencies, 0.50), percentile(latencies, 0.99),
        latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6, rss / 1e6,
        (rss - baselineRss) / 1024.0 / Math.max(1, subscriptions * 2), setupMillis);
  }

  private static long[] merge(List<long[]> parts) {
    long[] all = new long[parts.stream().mapToInt(a -> a.length).sum()];
    int at = 0;
    for (long[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    Arrays.sort(all);
    return all;
  }

  /** The q-quantile of sorted nanosecond samples, in milliseconds. */
  static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
  }

  private static void sleepUntil(long nanoTime) {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
