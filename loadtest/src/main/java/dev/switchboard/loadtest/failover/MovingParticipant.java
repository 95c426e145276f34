package dev.switchboard.loadtest.failover;

import dev.switchboard.contracts.messages.MediaServerLost;
import dev.switchboard.loadtest.cluster.CallParticipant;
import dev.switchboard.webrtc.peer.HeadlessPeer;
import dev.switchboard.webrtc.peer.PeerOptions;
import dev.switchboard.webrtc.peer.PeerReceivers;
import dev.switchboard.webrtc.peer.PeerStats;
import dev.switchboard.webrtc.peer.SyntheticPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link CallParticipant} that reacts to a media-server move as the web client does
 * ({@code switchboard.js}): each {@code mediaServerLost} epoch is handled once, by offering every
 * connection again on a new peer, its own publishing one first, without waiting for one answer
 * before the next offer (a connection that fails is offered once more); its synthetic media then follow the new publishing peer. A watcher virtual
 * thread handles the notices one after another; results are published as {@link Recovery} futures.
 */
final class MovingParticipant implements AutoCloseable {
  /** One connection's milestones in a recovery ({@link System#nanoTime()}; 0 when not reached). */
  record Leg(String target, boolean publishing, long offerSent, long answered, long connected, long firstPacket,
      int attempts, String error) {}

  /** One handled {@code mediaServerLost}: when it arrived and each connection's milestones. */
  record Recovery(String participant, String sessionId, long epoch, long lostReceived, List<Leg> legs) {
    boolean complete() {
      return legs.stream().allMatch(l -> l.error() == null);
    }
  }

  private static final int VIDEO_BYTES = 1000;
  private static final Duration FIRST_PACKET_WAIT = Duration.ofSeconds(20);

  final CallParticipant call;
  private final List<String> others;
  private final PeerReceivers receivers;
  private final Duration negotiateTimeout;
  private final AtomicReference<SyntheticPublisher> publisher = new AtomicReference<>();
  private final List<CompletableFuture<Recovery>> recoveries = new CopyOnWriteArrayList<>();
  private volatile long handledEpoch = -1;
  private volatile boolean watching;
  private Thread watcher;

  MovingParticipant(CallParticipant call, List<String> others, PeerReceivers receivers, Duration negotiateTimeout) {
    this.call = call;
    this.others = List.copyOf(others);
    this.receivers = receivers;
    this.negotiateTimeout = negotiateTimeout;
  }

  /** The pacer's slot of this participant: its current publisher, swapped after each move. */
  AtomicReference<SyntheticPublisher> publisherSlot() {
    return publisher;
  }

  /** Publishes (blocks until connected) and starts sending. */
  void publish() {
    CallParticipant.Connection c = call.publish(PeerOptions.publisher(), receivers, negotiateTimeout);
    publisher.set(new SyntheticPublisher(c.peer(), VIDEO_BYTES));
  }

  /** Receives every other participant (blocks until every connection is up). */
  void receiveOthers() {
    for (String other : others) {
      call.receive(other, PeerOptions.subscriber(), receivers, negotiateTimeout);
    }
  }

  /** Packets received so far on each receiving connection, in the order of the other participants. */
  long[] receivedPackets() {
    long[] counts = new long[others.size()];
    for (int i = 0; i < counts.length; i++) {
      HeadlessPeer peer = call.peer(others.get(i));
      counts[i] = peer == null ? -1 : packets(peer.stats());
    }
    return counts;
  }

  /** Starts reacting to {@code mediaServerLost}; each epoch above the highest seen is handled once. */
  synchronized void startWatching() {
    watching = true;
    watcher = Thread.ofVirtual().name("moves-" + call.name).start(() -> {
      while (watching) {
        CallParticipant.Received notice = call.await(MediaServerLost.class, m -> m.epoch() > handledEpoch,
            Duration.ofMillis(500));
        if (notice != null && watching) {
          MediaServerLost lost = (MediaServerLost) notice.message();
          handledEpoch = lost.epoch();
          CompletableFuture<Recovery> future = new CompletableFuture<>();
          recoveries.add(future);
          future.complete(reofferAll(lost.epoch(), notice.atNanos()));
        }
      }
    });
  }

  /** The first recovery whose notice arrived after {@code afterNanos}, waiting up to {@code timeout}; null if none. */
  Recovery recoveryAfter(long afterNanos, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      for (CompletableFuture<Recovery> f : recoveries) {
        Recovery r = f.getNow(null);
        if (r != null && r.lostReceived() - afterNanos > 0) {
          return r;
        }
      }
      Thread.sleep(20);
    }
    return null;
  }

  /** As the web client's move: every connection offered again at once, publishing one first. */
  private Recovery reofferAll(long epoch, long lostReceived) {
    List<String> targets = new ArrayList<>();
    targets.add(call.participantId);
    targets.addAll(others);
    List<CompletableFuture<Leg>> legs = new ArrayList<>();
    for (String target : targets) {
      legs.add(CompletableFuture.supplyAsync(() -> reoffer(target), r -> Thread.ofVirtual().start(r)));
    }
    List<Leg> done = legs.stream().map(CompletableFuture::join).toList();
    return new Recovery(call.name, call.sessionId, epoch, lostReceived, done);
  }

  /**
   * Offers one connection again; a connection that fails (no answer, ICE or DTLS) is offered once
   * more, as the web client renegotiates a failed connection, and the leg counts both attempts.
   */
  private Leg reoffer(String target) {
    long sent = System.nanoTime();
    Leg leg = attempt(target, sent, 1);
    return leg.error() == null ? leg : attempt(target, sent, 2);
  }

  private Leg attempt(String target, long firstSent, int attempt) {
    boolean publishing = target.equals(call.participantId);
    CallParticipant.Connection c;
    try {
      if (publishing) {
        publisher.set(null); // the old peer is closed by the new negotiation
      }
      c = call.negotiate(target, publishing ? PeerOptions.publisher() : PeerOptions.subscriber(), receivers,
          negotiateTimeout);
    } catch (RuntimeException e) {
      return new Leg(target, publishing, firstSent, 0, 0, 0, attempt, e.getMessage());
    }
    long sent = attempt == 1 ? c.offerSentNanos() : firstSent;
    if (publishing) {
      publisher.set(new SyntheticPublisher(c.peer(), VIDEO_BYTES));
      return new Leg(target, true, sent, c.answeredNanos(), c.connectedNanos(), c.connectedNanos(), attempt, null);
    }
    long firstPacket = awaitFirstPacket(c.peer());
    return new Leg(target, false, sent, c.answeredNanos(), c.connectedNanos(), firstPacket, attempt,
        firstPacket == 0 ? "no packet within " + FIRST_PACKET_WAIT : null);
  }

  private static long awaitFirstPacket(HeadlessPeer peer) {
    long deadline = System.nanoTime() + FIRST_PACKET_WAIT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (packets(peer.stats()) > 0) {
        return System.nanoTime();
      }
      try {
        TimeUnit.MILLISECONDS.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
    return 0;
  }

  private static long packets(PeerStats stats) {
    return stats.audioPackets() + stats.videoPackets();
  }

  /** Stops watching; leaves the call and closes every peer. */
  @Override
  public void close() {
    Thread thread;
    synchronized (this) {
      watching = false;
      thread = watcher;
    }
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    publisher.set(null);
    try {
      call.leave();
    } catch (RuntimeException e) {
      // leaving is best effort: the cluster goes away next
    }
    call.close();
  }
}
