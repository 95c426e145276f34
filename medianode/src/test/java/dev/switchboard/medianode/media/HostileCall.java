package dev.switchboard.medianode.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.media.transport.DropReason;
import dev.switchboard.medianode.media.transport.MediaCounters;
import dev.switchboard.webrtc.ice.IceCredentials;
import dev.switchboard.webrtc.peer.HeadlessPeer;
import dev.switchboard.webrtc.peer.PeerOptions;
import dev.switchboard.webrtc.peer.SyntheticPublisher;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kurento.client.ConnectionState;
import org.kurento.client.WebRtcEndpoint;

/**
 * A live call for hostile-traffic tests (a headless publisher and subscribers driven through
 * kurento-client, with each leg's SDP, i.e. the ICE credentials an attacker might steal) and the
 * checks that the node came through a barrage intact; used from the test thread, while the peers'
 * receive threads and {@link #whileFlowing}'s publisher thread run alongside.
 */
final class HostileCall implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);
  /** A counted burst must arrive at least this complete; loopback loses nothing, a stall would. */
  static final double FULL_DELIVERY = 0.99;
  /**
   * What must still arrive during an unpaced flood, which may overflow the shared socket: the
   * kernel then drops some of everything, but a media thread that stalled would let through none.
   */
  static final double OVERLOAD_DELIVERY = 0.5;
  private static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");
  private static final Pattern PWD = Pattern.compile("a=ice-pwd:(\\S+)");
  private static final Pattern FINGERPRINT = Pattern.compile("(a=fingerprint:\\S+ )([0-9A-Fa-f:]+)");

  /** One negotiated WebRtcEndpoint, the headless peer on its other side, and their SDP. */
  record Leg(WebRtcEndpoint endpoint, HeadlessPeer peer, String offer, String answer) {
    /** The node's credentials for this endpoint, from the answer. */
    IceCredentials nodeIce() {
      return credentials(answer);
    }

    /** The peer's credentials, from the offer: its ufrag is the other half of every check's USERNAME. */
    IceCredentials peerIce() {
      return credentials(offer);
    }
  }

  /** What must not grow under attack: endpoint transports and bound source addresses. */
  record Footprint(int transports, int boundAddresses) {
  }

  final MediaNodeFixture fixture;
  final MediaPlane plane;
  final Leg publisher;
  final List<Leg> subscribers = new ArrayList<>();
  private final List<HeadlessPeer> peers = new ArrayList<>();
  private final SyntheticPublisher media;
  private final MediaLogWatch log = new MediaLogWatch();

  HostileCall(int subscriberCount) throws InterruptedException {
    fixture = new MediaNodeFixture();
    plane = fixture.node.mediaPlane();
    try {
      publisher = negotiate(fixture.endpoint(), PeerOptions.publisher(), UnaryOperator.identity(),
          UnaryOperator.identity());
      publisher.peer().connect();
      media = new SyntheticPublisher(publisher.peer(), 1000);
      for (int i = 0; i < subscriberCount; i++) {
        WebRtcEndpoint endpoint = fixture.endpoint();
        publisher.endpoint().connect(endpoint);
        Leg subscriber = negotiate(endpoint, PeerOptions.subscriber(), UnaryOperator.identity(),
            UnaryOperator.identity());
        subscriber.peer().connect();
        subscribers.add(subscriber);
      }
      warmUp();
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /**
   * processOffer with the (possibly edited) offer, the (possibly edited) answer to the peer,
   * gatherCandidates; the caller decides whether the peer connects.
   */
  Leg negotiate(WebRtcEndpoint endpoint, PeerOptions options, UnaryOperator<String> offerEdit,
      UnaryOperator<String> answerEdit) {
    HeadlessPeer peer = HeadlessPeer.create(options);
    peers.add(peer);
    String offer = offerEdit.apply(peer.createOffer());
    String answer = endpoint.processOffer(offer);
    peer.acceptAnswer(answerEdit.apply(answer));
    endpoint.gatherCandidates();
    return new Leg(endpoint, peer, offer, answer);
  }

  /**
   * One more connected peer on a new endpoint of the pipeline, fed by {@code source} when that is
   * not null; not one of the call's {@link #subscribers}, so its own reception is not checked.
   */
  Leg join(PeerOptions options, WebRtcEndpoint source) {
    WebRtcEndpoint endpoint = fixture.endpoint();
    if (source != null) {
      source.connect(endpoint);
    }
    AtomicBoolean connected = new AtomicBoolean();
    endpoint.addConnectionStateChangedListener(e -> connected.compareAndSet(false,
        e.getNewState() == ConnectionState.CONNECTED));
    Leg leg = negotiate(endpoint, options, UnaryOperator.identity(), UnaryOperator.identity());
    leg.peer().connect();
    // The peer finishes DTLS a moment before the node does; until then its SRTP would be "not ready".
    Await.until(WAIT, connected::get, () -> "the node never reported the endpoint CONNECTED");
    return leg;
  }

  /** Every {@code a=fingerprint} of {@code sdp} with each hex digit inverted: well-formed, and nobody's certificate. */
  static String wrongFingerprint(String sdp) {
    Matcher m = FINGERPRINT.matcher(sdp);
    StringBuilder out = new StringBuilder();
    boolean found = false;
    while (m.find()) {
      found = true;
      StringBuilder hex = new StringBuilder();
      for (char c : m.group(2).toCharArray()) {
        hex.append(c == ':' ? c : Character.toUpperCase(Character.forDigit(15 - Character.digit(c, 16), 16)));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + hex));
    }
    m.appendTail(out);
    assertThat(found).as("a=fingerprint in " + sdp).isTrue();
    return out.toString();
  }

  private static IceCredentials credentials(String sdp) {
    Matcher ufrag = UFRAG.matcher(sdp);
    Matcher pwd = PWD.matcher(sdp);
    assertThat(ufrag.find() && pwd.find()).as("ICE credentials in " + sdp).isTrue();
    return new IceCredentials(ufrag.group(1), pwd.group(1));
  }

  /** Publishes until every subscriber has media of both kinds: the node only forwards once its DTLS side finished. */
  private void warmUp() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!subscribers.stream().allMatch(s -> s.peer().stats().videoPackets() >= 5
        && s.peer().stats().audioPackets() >= 5)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("subscribers got no media within " + WAIT);
      }
      media.send(MediaKind.VIDEO);
      media.send(MediaKind.AUDIO);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  Footprint footprint() {
    return new Footprint(plane.openTransports(), plane.boundAddresses());
  }

  long[] drops() {
    MediaCounters counters = plane.counters();
    long[] out = new long[DropReason.values().length];
    for (DropReason r : DropReason.values()) {
      out[r.ordinal()] = counters.drops(r);
    }
    return out;
  }

  /** Drops by reason since {@code before}, only the reasons that moved. */
  Map<DropReason, Long> dropsSince(long[] before) {
    Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
    for (DropReason r : DropReason.values()) {
      long delta = plane.counters().drops(r) - before[r.ordinal()];
      if (delta != 0) {
        out.put(r, delta);
      }
    }
    return out;
  }

  long[] traffic() {
    long[] out = new long[MediaCounters.Traffic.values().length];
    for (MediaCounters.Traffic t : MediaCounters.Traffic.values()) {
      out[t.ordinal()] = plane.counters().traffic(t);
    }
    return out;
  }

  long trafficSince(long[] before, MediaCounters.Traffic what) {
    return plane.counters().traffic(what) - before[what.ordinal()];
  }

  /**
   * Waits, at most {@link #WAIT}, until the node read no datagram for 100 ms: by then whatever
   * the kernel kept of a flood has been handled.
   */
  void awaitQuiet() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long last = -1;
    long now = plane.counters().traffic(MediaCounters.Traffic.DATAGRAMS_IN);
    while (now != last) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the node still reads datagrams after " + WAIT);
      }
      last = now;
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      now = plane.counters().traffic(MediaCounters.Traffic.DATAGRAMS_IN);
    }
  }

  /**
   * The node came through: its media thread still runs and answers, logged no failure, no
   * transport appeared or vanished, no more source addresses are bound than {@code
   * boundAddresses}, and a counted burst from the publisher still reaches every subscriber.
   */
  void assertIntact(int transports, int boundAddresses) {
    assertThat(log.warnings()).as("media plane warnings").isEmpty();
    assertThat(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("medianode-media") && t.isAlive()))
        .as("the media thread is alive").isTrue();
    // Both answer through the media thread's mailbox, so they also prove it is not stuck.
    assertThat(plane.openTransports()).as("open transports").isEqualTo(transports);
    assertThat(plane.boundAddresses()).as("bound addresses").isEqualTo(boundAddresses);
    assertStillForwards();
  }

  void assertIntact(Footprint before) {
    assertIntact(before.transports(), before.boundAddresses());
  }

  /** A counted burst of video and audio reaches every subscriber, authentic and under the announced SSRCs. */
  void assertStillForwards() {
    long[] video = subscribers.stream().mapToLong(s -> s.peer().stats().videoPackets()).toArray();
    long[] audio = subscribers.stream().mapToLong(s -> s.peer().stats().audioPackets()).toArray();
    int burst = 200;
    for (int i = 0; i < burst; i++) {
      assertThat(media.send(MediaKind.VIDEO)).isTrue();
      assertThat(media.send(MediaKind.AUDIO)).isTrue();
      if (i % 20 == 0) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
    }
    awaitDelivered(video, audio, burst, FULL_DELIVERY);
  }

  /**
   * Runs {@code barrage} while the publisher sends a video and an audio packet every 10 ms from
   * another thread, then checks that at least {@code delivery} of this flow reached every
   * subscriber: an attack must not stall media for the endpoints it does not target. A paced
   * attack leaves the shared socket room, so the flow arrives in full; an unpaced one may overflow
   * the socket's buffer, and the kernel then drops whatever comes, the call's packets included.
   */
  void whileFlowing(double delivery, Runnable barrage) throws InterruptedException {
    long[] video = subscribers.stream().mapToLong(s -> s.peer().stats().videoPackets()).toArray();
    long[] audio = subscribers.stream().mapToLong(s -> s.peer().stats().audioPackets()).toArray();
    AtomicBoolean on = new AtomicBoolean(true);
    AtomicLong pairs = new AtomicLong();
    Thread sender = Thread.ofPlatform().daemon(true).name("hostile-call-publisher").start(() -> {
      while (on.get()) {
        if (media.send(MediaKind.VIDEO) & media.send(MediaKind.AUDIO)) {
          pairs.incrementAndGet();
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    });
    try {
      barrage.run();
    } finally {
      on.set(false);
      sender.join(2_000);
    }
    awaitDelivered(video, audio, pairs.get(), delivery);
  }

  private void awaitDelivered(long[] videoBefore, long[] audioBefore, long sent, double delivery) {
    long needed = (long) Math.ceil(sent * delivery);
    for (int i = 0; i < subscribers.size(); i++) {
      HeadlessPeer s = subscribers.get(i).peer();
      long v0 = videoBefore[i];
      long a0 = audioBefore[i];
      Await.until(WAIT, () -> s.stats().videoPackets() - v0 >= needed && s.stats().audioPackets() - a0 >= needed,
          () -> "subscriber got " + (s.stats().videoPackets() - v0) + " video and "
              + (s.stats().audioPackets() - a0) + " audio of " + sent);
      assertThat(s.stats().srtpFailures()).as("SRTP failures at a subscriber").isZero();
      assertThat(s.stats().otherPackets()).as("packets with a payload type not negotiated").isZero();
      assertThat(s.stats().unexpectedSsrcs()).as("packets under SSRCs the answer did not announce").isZero();
    }
  }

  /** The slowest one-way latency, publisher to subscriber, of all the synthetic packets so far. */
  Duration worstLatency() {
    long worst = 0;
    for (Leg s : subscribers) {
      long[] sorted = s.peer().stats().sortedLatencies();
      if (sorted.length > 0) {
        worst = Math.max(worst, sorted[sorted.length - 1]);
      }
    }
    return Duration.ofNanos(worst);
  }

  @Override
  public void close() {
    log.close();
    peers.forEach(HeadlessPeer::close);
    fixture.close();
  }
}
