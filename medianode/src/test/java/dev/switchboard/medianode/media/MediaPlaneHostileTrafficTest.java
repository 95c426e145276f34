package dev.switchboard.medianode.media;

import static dev.switchboard.medianode.media.transport.DropReason.MALFORMED_STUN;
import static dev.switchboard.medianode.media.transport.DropReason.STUN_REJECTED;
import static dev.switchboard.medianode.media.transport.DropReason.STUN_UNKNOWN_USERNAME;
import static dev.switchboard.medianode.media.transport.DropReason.UNKNOWN_ADDRESS;
import static dev.switchboard.medianode.media.transport.DropReason.UNKNOWN_PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.media.transport.DropReason;
import dev.switchboard.medianode.media.transport.MediaCounters.Traffic;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.ice.IceControllingChecker;
import dev.switchboard.webrtc.ice.IceCredentials;
import dev.switchboard.webrtc.ice.IceUsername;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile traffic from addresses that never passed ICE (random and protocol-shaped garbage, forged
 * and truncated connectivity checks, spoofed SRTP, floods from many ports) is each dropped and
 * counted once, binds nothing and leaves a live call forwarding; the test thread attacks while the
 * node runs on its own threads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MediaPlaneHostileTrafficTest {
  private static final long SEED = 0x5B_0A_7D_00L;

  @Test
  void randomDatagrams_areEachDroppedOnce_whileTheCallKeepsForwarding() throws Exception {
    try (HostileCall call = new HostileCall(2); Attacker attacker = new Attacker(call.plane)) {
      HostileCall.Footprint before = call.footprint();
      long[] drops = call.drops();
      int count = 50_000;
      Random random = new Random(SEED);
      call.whileFlowing(HostileCall.FULL_DELIVERY, () -> attacker.flood(count, HostileDatagrams.random(random)));

      Map<DropReason, Long> delta = call.dropsSince(drops);
      System.out.printf("%d random datagrams -> drops %s, worst media latency %s%n", count, delta,
          call.worstLatency());
      // From an address no check bound, the router refuses everything before any endpoint sees it.
      assertThat(delta.keySet()).isSubsetOf(UNKNOWN_PROTOCOL, MALFORMED_STUN, STUN_UNKNOWN_USERNAME, UNKNOWN_ADDRESS);
      assertThat(sum(delta)).as("one drop per datagram").isEqualTo(count);
      assertThat(call.worstLatency()).as("no stall of the call's media").isLessThan(Duration.ofSeconds(1));
      call.assertIntact(before);
    }
  }

  @Test
  void anUnpacedFlood_isCountedAsFarAsTheKernelDeliversIt_andDoesNotStallTheCall() throws Exception {
    try (HostileCall call = new HostileCall(2); Attacker attacker = new Attacker(call.plane)) {
      HostileCall.Footprint before = call.footprint();
      long[] drops = call.drops();
      long[] traffic = call.traffic();
      int count = 200_000;
      Random random = new Random(SEED + 4);
      // Small datagrams: the most packets per second, which is what costs a media thread.
      HostileDatagrams.Generator small = buf -> {
        int len = random.nextInt(65);
        random.nextBytes(buf);
        return len;
      };
      long start = System.nanoTime();
      call.whileFlowing(HostileCall.OVERLOAD_DELIVERY, () -> attacker.blast(count, small));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      call.awaitQuiet();

      Map<DropReason, Long> delta = call.dropsSince(drops);
      long read = call.trafficSince(traffic, Traffic.DATAGRAMS_IN);
      long handled = call.trafficSince(traffic, Traffic.RTP_IN) + call.trafficSince(traffic, Traffic.RTCP_IN)
          + call.trafficSince(traffic, Traffic.STUN_ANSWERED);
      System.out.printf("%d small random datagrams unpaced in %s -> node read %d (%d of them the call's), drops %s,"
          + " worst media latency %s%n", count, took, read, handled, delta, call.worstLatency());
      assertThat(delta.keySet()).isSubsetOf(UNKNOWN_PROTOCOL, MALFORMED_STUN, STUN_UNKNOWN_USERNAME, UNKNOWN_ADDRESS);
      // Whatever the kernel did not discard was read, and each datagram read was handled or counted.
      assertThat(sum(delta)).as("drops").isPositive().isLessThanOrEqualTo(count).isEqualTo(read - handled);
      assertThat(call.worstLatency()).as("no stall of the call's media").isLessThan(Duration.ofSeconds(1));
      call.assertIntact(before);
    }
  }

  @Test
  void datagramsShapedLikeEachProtocol_fromAnUnknownAddress_areDroppedByClass() throws Exception {
    try (HostileCall call = new HostileCall(2); Attacker attacker = new Attacker(call.plane)) {
      HostileCall.Footprint before = call.footprint();
      Random random = new Random(SEED + 1);
      String username = IceUsername.of(call.publisher.nodeIce().ufrag(), call.publisher.peerIce().ufrag());
      long publisherVideo = call.publisher.peer().localSsrc(MediaKind.VIDEO);
      int videoType = call.publisher.peer().payloadType(MediaKind.VIDEO);

      long[] drops = call.drops();
      attacker.flood(5_000, HostileDatagrams.unclassifiable(random));
      assertThat(call.dropsSince(drops)).isEqualTo(Map.of(UNKNOWN_PROTOCOL, 5_000L));

      // STUN-shaped garbage either fails to parse or names no endpoint.
      drops = call.drops();
      attacker.flood(10_000, HostileDatagrams.stunShaped(random, null));
      Map<DropReason, Long> stun = call.dropsSince(drops);
      System.out.println("10000 STUN-shaped datagrams -> drops " + stun);
      assertThat(stun.keySet()).isSubsetOf(MALFORMED_STUN, STUN_UNKNOWN_USERNAME);
      assertThat(sum(stun)).isEqualTo(10_000);

      // The same under the publisher leg's real USERNAME: the garbage reaches its ICE responder.
      drops = call.drops();
      attacker.flood(10_000, HostileDatagrams.stunShaped(random, username));
      Map<DropReason, Long> targeted = call.dropsSince(drops);
      System.out.println("10000 STUN-shaped datagrams under the leg's USERNAME -> drops " + targeted);
      assertThat(targeted.keySet()).isSubsetOf(MALFORMED_STUN, STUN_UNKNOWN_USERNAME, STUN_REJECTED);
      assertThat(sum(targeted)).isEqualTo(10_000);
      assertThat(targeted.get(STUN_REJECTED)).as("garbage that reached the responder").isPositive();

      // DTLS records, and SRTP/SRTCP spoofing the publisher's real SSRC and payload type, need a
      // source address a valid check bound; the attacker's never was.
      drops = call.drops();
      attacker.flood(5_000, HostileDatagrams.dtlsShaped(random));
      attacker.flood(10_000, HostileDatagrams.srtpShaped(random, publisherVideo, videoType));
      attacker.flood(5_000, HostileDatagrams.srtcpShaped(random));
      attacker.flood(2_000, HostileDatagrams.srtpTooShort(random));
      assertThat(call.dropsSince(drops)).isEqualTo(Map.of(UNKNOWN_ADDRESS, 22_000L));

      call.assertIntact(before);
    }
  }

  @Test
  void forgedConnectivityChecks_areDropped_andNeverBindTheAttacker() throws Exception {
    try (HostileCall call = new HostileCall(1); Attacker attacker = new Attacker(call.plane)) {
      HostileCall.Footprint before = call.footprint();
      IceCredentials node = call.publisher.nodeIce();
      IceCredentials peer = call.publisher.peerIce();
      Random random = new Random(SEED + 2);
      // A check a thief of both passwords would send; only mangled copies of it leave the attacker.
      byte[] valid = checker(peer, node).nextRequest(Instant.now());

      // Every truncation: the empty datagram is no protocol, the rest no well-formed STUN.
      long[] drops = call.drops();
      attacker.flood(valid.length, new HostileDatagrams.Generator() {
        private int length;

        @Override
        public int next(byte[] buf) {
          System.arraycopy(valid, 0, buf, 0, length);
          return length++;
        }
      });
      assertThat(call.dropsSince(drops))
          .isEqualTo(Map.of(UNKNOWN_PROTOCOL, 1L, MALFORMED_STUN, (long) valid.length - 1));

      // One byte changed anywhere MESSAGE-INTEGRITY or FINGERPRINT protects: their checks catch
      // it, unless the parse or the USERNAME lookup refused it first. FINGERPRINT's own type and
      // length stay intact: renamed, it becomes an attribute after MESSAGE-INTEGRITY, which RFC 8489
      // §14.5 ignores, so the check is still authentic, as good as a replay of the original (which
      // short-term credentials cannot detect; it binds like MediaPlaneHostilePeerTest's rogue).
      int trailer = valid.length - 8;
      drops = call.drops();
      attacker.flood(5_000, buf -> {
        System.arraycopy(valid, 0, buf, 0, valid.length);
        int at = random.nextInt(valid.length - 4);
        buf[at < trailer ? at : at + 4] ^= (byte) (1 + random.nextInt(255));
        return valid.length;
      });
      Map<DropReason, Long> mutated = call.dropsSince(drops);
      System.out.println("5000 single-byte mutations of a valid check -> drops " + mutated);
      // A changed first byte may also make it another protocol, from an address nothing bound.
      assertThat(mutated.keySet()).isSubsetOf(MALFORMED_STUN, STUN_UNKNOWN_USERNAME, STUN_REJECTED, UNKNOWN_PROTOCOL,
          UNKNOWN_ADDRESS);
      assertThat(sum(mutated)).isEqualTo(5_000);

      // Valid MESSAGE-INTEGRITY, FINGERPRINT corrupted: RFC 8489 §7.3 says it is not STUN.
      attacker.discardReceived();
      drops = call.drops();
      IceControllingChecker thief = checker(peer, node);
      attacker.flood(1_000, buf -> {
        byte[] check = thief.nextRequest(Instant.now());
        System.arraycopy(check, 0, buf, 0, check.length);
        buf[check.length - 1] ^= 0x01;
        return check.length;
      });
      assertThat(call.dropsSince(drops)).isEqualTo(Map.of(STUN_REJECTED, 1_000L));
      assertThat(attacker.discardReceived()).as("answers to a wrong FINGERPRINT").isZero();

      // The right USERNAME signed with a guessed password: dropped silently, no 401 to learn from.
      drops = call.drops();
      IceControllingChecker guesser = checker(peer, new IceCredentials(node.ufrag(), "guessedpasswordguessed00"));
      attacker.flood(1_000, buf -> copy(guesser.nextRequest(Instant.now()), buf));
      assertThat(call.dropsSince(drops)).isEqualTo(Map.of(STUN_REJECTED, 1_000L));
      assertThat(attacker.discardReceived()).as("answers to a wrong password").isZero();

      // The right password but another remote ufrag: RFC 8489 §9.1.3's unsigned 401, one per request.
      drops = call.drops();
      IceControllingChecker stranger = checker(new IceCredentials("strangerufrag", peer.pwd()), node);
      attacker.flood(200, buf -> copy(stranger.nextRequest(Instant.now()), buf));
      assertThat(call.dropsSince(drops)).isEqualTo(Map.of(STUN_REJECTED, 200L));
      assertThat(attacker.discardReceived()).as("401s, no more than requests").isBetween(1, 200);

      call.assertIntact(before);
    }
  }

  @Test
  void checkFloodsFromManyPorts_neverGrowTheRegistry() throws Exception {
    try (HostileCall call = new HostileCall(1)) {
      HostileCall.Footprint before = call.footprint();
      IceCredentials node = call.publisher.nodeIce();
      IceCredentials peer = call.publisher.peerIce();
      Random random = new Random(SEED + 3);
      List<Attacker> ports = new ArrayList<>();
      try {
        for (int i = 0; i < 64; i++) {
          ports.add(new Attacker(call.plane));
        }
        long[] drops = call.drops();
        for (Attacker port : ports) {
          // Well-formed, signed checks for ufrags nobody has.
          IceCredentials invented = new IceCredentials(HostileDatagrams.randomUfrag(random) + "xyz",
              "inventedpasswordinvented");
          IceControllingChecker c = checker(peer, invented);
          port.flood(150, buf -> copy(c.nextRequest(Instant.now()), buf));
        }
        assertThat(call.dropsSince(drops)).isEqualTo(Map.of(STUN_UNKNOWN_USERNAME, 64L * 150));
        assertThat(call.plane.boundAddresses()).isEqualTo(before.boundAddresses());

        drops = call.drops();
        for (Attacker port : ports) {
          // The endpoint's real USERNAME with integrity under a wrong key, from every port.
          IceControllingChecker c = checker(peer,
              new IceCredentials(node.ufrag(), "wrongpasswordwrong" + port.address().getPort()));
          port.flood(150, buf -> copy(c.nextRequest(Instant.now()), buf));
        }
        assertThat(call.dropsSince(drops)).isEqualTo(Map.of(STUN_REJECTED, 64L * 150));
      } finally {
        ports.forEach(Attacker::close);
      }
      call.assertIntact(before);
    }
  }

  private static IceControllingChecker checker(IceCredentials local, IceCredentials remote) {
    return new IceControllingChecker(local, remote, IceCandidate.priority(IceCandidate.HOST_TYPE_PREFERENCE, 65535, 1),
        true);
  }

  private static int copy(byte[] datagram, byte[] buf) {
    System.arraycopy(datagram, 0, buf, 0, datagram.length);
    return datagram.length;
  }

  private static long sum(Map<DropReason, Long> drops) {
    return drops.values().stream().mapToLong(Long::longValue).sum();
  }
}
