package dev.switchboard.medianode.bench;

import dev.switchboard.webrtc.peer.HeadlessPeer;
import dev.switchboard.webrtc.peer.PeerOptions;
import dev.switchboard.webrtc.peer.PeerReceivers;
import dev.switchboard.webrtc.peer.SyntheticPublisher;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;

/**
 * Forwarding throughput of the medianode: headless publishers send paced synthetic video to
 * subscribers through a medianode running in its own process (set up with kurento-client as the
 * group-call tutorial does), and the benchmark prints forwarded packets per second, the
 * medianode's CPU, packets per second per core of that CPU, loss, and one-way latency p50/p99.
 * A benchmark, not a test: {@code ./switchboard bench-forward [publishers] [subscribers]
 * [packets/s per publisher] [seconds] [payload bytes]}.
 */
public final class ForwardingBenchmark {
  private static final Duration WARM_UP = Duration.ofSeconds(3);
  private static final Duration DRAIN = Duration.ofSeconds(1);

  public static void main(String[] args) throws Exception {
    int publishers = intArg(args, 0, 10);
    int subscribers = intArg(args, 1, 5);
    int rate = intArg(args, 2, 1000);
    int seconds = intArg(args, 3, 10);
    int payload = intArg(args, 4, 1000);
    Path jar = Path.of(System.getProperty("medianode.jar", "medianode/target/medianode.jar"));
    System.out.printf("forwarding: %d publishers x %d subscribers, %d video packets/s each of %d-byte payload,"
        + " %d s measured after %d s warm-up%n", publishers, subscribers, rate, payload, seconds, WARM_UP.toSeconds());
    System.out.printf("offered load: %d packets/s in, %d packets/s to forward%n", publishers * rate,
        publishers * rate * subscribers);

    try (MediaNodeProcess node = MediaNodeProcess.start(jar)) {
      KurentoClient kurento = KurentoClient.create(node.url());
      List<HeadlessPeer> peers = new ArrayList<>();
      // Two selector threads read every peer's socket: a thread per peer would cost the load
      // generator a wake-up per packet and take CPU the medianode needs on a small machine.
      PeerReceivers[] receivers = {new PeerReceivers("bench-rx-0"), new PeerReceivers("bench-rx-1")};
      try {
        Room room = Room.build(kurento, peers, receivers, publishers, subscribers, payload);
        System.out.printf("connected %d peers (ICE + DTLS through the medianode)%n", peers.size());
        run(room, node, rate, seconds);
      } finally {
        peers.forEach(HeadlessPeer::close);
        for (PeerReceivers r : receivers) {
          r.close();
        }
        kurento.destroy();
      }
    }
  }

  /** Publishers with their subscribers, all negotiated and connected. */
  private record Room(List<SyntheticPublisher> publishers, List<HeadlessPeer> publisherPeers,
                      List<List<HeadlessPeer>> subscribers) {

    static Room build(KurentoClient kurento, List<HeadlessPeer> all, PeerReceivers[] receivers, int publishers,
        int subscribers, int payload) {
      List<SyntheticPublisher> media = new ArrayList<>();
      List<HeadlessPeer> publisherPeers = new ArrayList<>();
      List<List<HeadlessPeer>> subs = new ArrayList<>();
      InetAddress loopback = InetAddress.getLoopbackAddress();
      for (int p = 0; p < publishers; p++) {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        WebRtcEndpoint source = new WebRtcEndpoint.Builder(pipeline).build();
        HeadlessPeer publisher = negotiate(source,
            new PeerOptions(loopback, false, true, true, false, Duration.ofSeconds(20)), all, receivers);
        publisherPeers.add(publisher);
        media.add(new SyntheticPublisher(publisher, payload));
        List<HeadlessPeer> mine = new ArrayList<>();
        for (int s = 0; s < subscribers; s++) {
          WebRtcEndpoint sink = new WebRtcEndpoint.Builder(pipeline).build();
          source.connect(sink);
          mine.add(negotiate(sink, new PeerOptions(loopback, false, true, false, true, Duration.ofSeconds(20)), all,
              receivers));
        }
        subs.add(mine);
      }
      return new Room(media, publisherPeers, subs);
    }

    private static HeadlessPeer negotiate(WebRtcEndpoint endpoint, PeerOptions options, List<HeadlessPeer> all,
        PeerReceivers[] receivers) {
      HeadlessPeer peer = HeadlessPeer.create(options, receivers[all.size() % receivers.length]);
      all.add(peer);
      peer.acceptAnswer(endpoint.processOffer(peer.createOffer()));
      endpoint.gatherCandidates();
      peer.connect();
      return peer;
    }

    long received() {
      long n = 0;
      for (List<HeadlessPeer> list : subscribers) {
        for (HeadlessPeer s : list) {
          n += s.stats().videoPackets();
        }
      }
      return n;
    }

    /** Packets the subscribers should have got: each publisher's packets times its subscriber count. */
    long expected(long[] sentSince) {
      long n = 0;
      for (int p = 0; p < publishers.size(); p++) {
        n += sentSince[p] * subscribers.get(p).size();
      }
      return n;
    }

    long[] sent() {
      return publishers.stream().mapToLong(SyntheticPublisher::sent).toArray();
    }

    void countWindow(long from, long to) {
      publishers.forEach(p -> p.countWindow(from, to));
      subscribers.forEach(list -> list.forEach(s -> s.stats().countWindow(from, to)));
    }

    long expectedInWindow() {
      long n = 0;
      for (int p = 0; p < publishers.size(); p++) {
        n += publishers.get(p).windowSent() * subscribers.get(p).size();
      }
      return n;
    }

    long receivedInWindow() {
      long n = 0;
      for (List<HeadlessPeer> list : subscribers) {
        for (HeadlessPeer s : list) {
          n += s.stats().windowPackets();
        }
      }
      return n;
    }

    long[] latenciesNanos() {
      List<long[]> all = new ArrayList<>();
      int total = 0;
      for (List<HeadlessPeer> list : subscribers) {
        for (HeadlessPeer s : list) {
          long[] l = s.stats().sortedLatencies();
          all.add(l);
          total += l.length;
        }
      }
      long[] merged = new long[total];
      int at = 0;
      for (long[] l : all) {
        System.arraycopy(l, 0, merged, at, l.length);
        at += l.length;
      }
      java.util.Arrays.sort(merged);
      return merged;
    }
  }

  private static void run(Room room, MediaNodeProcess node, int rate, int seconds) throws InterruptedException {
    // The measured window is fixed before the first packet: publishers count what they stamp
    // inside it and subscribers what they receive with a stamp inside it, so loss is exact and
    // packets in flight at the window's edges cannot hide any.
    long windowStart = System.nanoTime() + WARM_UP.toNanos();
    long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(seconds);
    room.countWindow(windowStart, windowEnd);
    AtomicBoolean sending = new AtomicBoolean(true);
    Thread sender = Thread.ofPlatform().name("bench-sender").start(() -> pace(room.publishers(), rate, sending));

    sleepUntil(windowStart);
    double cpu0 = ProcessCpu.seconds(node.pid());
    long self = ProcessHandle.current().pid();
    double selfCpu0 = ProcessCpu.seconds(self);
    long t0 = System.nanoTime();
    sleepUntil(windowEnd);
    double cpu1 = ProcessCpu.seconds(node.pid());
    double selfCpu1 = ProcessCpu.seconds(self);
    long t1 = System.nanoTime();
    Thread.sleep(DRAIN.toMillis());
    sending.set(false);
    sender.join();

    double wall = (t1 - t0) / 1e9;
    long sentInWindow = room.publishers().stream().mapToLong(SyntheticPublisher::windowSent).sum();
    long expected = room.expectedInWindow();
    long received = room.receivedInWindow();
    double forwardedPerSecond = expected / wall;
    double cores = (cpu1 - cpu0) / wall;
    double loss = expected == 0 ? 0 : 1 - (double) received / expected;
    long[] latencies = room.latenciesNanos();
    long publisherPlis = room.publisherPeers().stream().mapToLong(p -> p.stats().pliReceived()).sum();
    long rembs = room.publisherPeers().stream().mapToLong(p -> p.stats().rembReceived()).sum();

    System.out.printf("packets in: %.0f/s, forwarded: %.0f/s in the measured %.1f s%n", sentInWindow / wall,
        forwardedPerSecond, wall);
    System.out.printf("medianode CPU: %.2f cores (%.1f s over %.1f s)%n", cores, cpu1 - cpu0, wall);
    System.out.printf("load generator CPU (all peers, this JVM): %.2f cores%n", (selfCpu1 - selfCpu0) / wall);
    System.out.printf("forwarded packets/s per core of medianode CPU: %.0f%n", forwardedPerSecond / Math.max(cores, 1e-9));
    System.out.printf("loss: %.3f%% (%d of %d packets sent in the window, after a %d ms drain)%n", loss * 100,
        expected - received, expected, DRAIN.toMillis());
    long sentAll = room.publishers().stream().mapToLong(SyntheticPublisher::sent).sum();
    long expectedAll = room.expected(room.sent());
    long receivedAll = room.received();
    System.out.printf("whole run including warm-up: %d packets in, %.3f%% lost (%d of %d)%n", sentAll,
        expectedAll == 0 ? 0 : 100.0 * (expectedAll - receivedAll) / expectedAll, expectedAll - receivedAll,
        expectedAll);
    System.out.printf("one-way latency through the medianode (%d samples, includes both peers' SRTP and"
        + " socket time): p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", latencies.length,
        percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6,
        latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
    System.out.printf("RTCP seen by publishers: %d PLI, %d REMB%n", publisherPlis, rembs);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** One thread sends every publisher's packets on a fixed schedule, catching up if it falls behind. */
  private static void pace(List<SyntheticPublisher> publishers, int rate, AtomicBoolean sending) {
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long[] next = new long[publishers.size()];
    long start = System.nanoTime();
    for (int i = 0; i < next.length; i++) {
      next[i] = start + interval * i / next.length;
    }
    while (sending.get()) {
      long now = System.nanoTime();
      for (int i = 0; i < next.length; i++) {
        while (next[i] - now <= 0) {
          publishers.get(i).send(MediaKind.VIDEO);
          next[i] += interval;
        }
      }
      LockSupport.parkNanos(100_000);
    }
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
  }

  private static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
