package dev.switchboard.medianode.media;

import static dev.switchboard.medianode.media.transport.DropReason.DTLS_NOT_EXPECTED;
import static dev.switchboard.medianode.media.transport.DropReason.SRTP_AUTH_FAILED;
import static dev.switchboard.medianode.media.transport.DropReason.SRTP_MALFORMED;
import static dev.switchboard.medianode.media.transport.DropReason.SRTP_NOT_READY;
import static dev.switchboard.medianode.media.transport.DropReason.SRTP_REPLAYED;
import static dev.switchboard.medianode.media.transport.DropReason.TOO_MANY_ADDRESSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.medianode.media.transport.DropReason;
import dev.switchboard.medianode.media.transport.MediaCounters;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.ice.IceControllingChecker;
import dev.switchboard.webrtc.peer.PeerOptions;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.WebRtcEndpoint;

/**
 * Hostile traffic that got further than an unknown address (a rogue socket that passed ICE with a
 * leg's stolen credentials, so its address is bound but it holds no DTLS keys, and peers whose SDP
 * carries a wrong DTLS fingerprint) is dropped and counted or fails alone, leaving the rest of a
 * live call forwarding; the test thread attacks while the node runs on its own threads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MediaPlaneHostilePeerTest {
  private static final long SEED = 0x5B_0A_7D_01L;
  /** TransportRegistry's per-endpoint cap on bound addresses. */
  private static final int MAX_ADDRESSES_PER_ENDPOINT = 8;

  @Test
  void aBoundAddressWithoutKeys_failsSrtpAuthentication_andCannotTouchDtls() throws Exception {
    try (HostileCall call = new HostileCall(2); Attacker rogue = new Attacker(call.plane)) {
      HostileCall.Footprint before = call.footprint();
      assertThat(rogue.passIce(call.publisher.nodeIce(), call.publisher.peerIce()))
          .as("a check signed with the stolen credentials is answered").isTrue();
      assertThat(call.plane.boundAddresses()).isEqualTo(before.boundAddresses() + 1);
      Random random = new Random(SEED);
      long publisherVideo = call.publisher.peer().localSsrc(MediaKind.VIDEO);
      int videoType = call.publisher.peer().payloadType(MediaKind.VIDEO);

      long[] drops = call.drops();
      rogue.flood(5_000, HostileDatagrams.srtpUnknownSsrc(random, videoType));
      rogue.flood(5_000, HostileDatagrams.srtcpShaped(random));
      assertThat(call.dropsSince(drops)).isEqualTo(Map.of(SRTP_AUTH_FAILED, 10_000L));

      // Under the publisher's own SSRC a packet is either behind its replay window or forged;
      // forged ones must not move the window, or the real stream would be refused after them.
      drops = call.drops();
      rogue.flood(5_000, HostileDatagrams.srtpShaped(random, publisherVideo, videoType));
      Map<DropReason, Long> spoofed = call.dropsSince(drops);
      System.out.println("5000 forged SRTP under the publisher's SSRC -> drops " + spoofed);
      assertThat(spoofed.keySet()).isSubsetOf(SRTP_AUTH_FAILED, SRTP_REPLAYED);
      assertThat(sum(spoofed)).isEqualTo(5_000);

      drops = call.drops();
      rogue.flood(2_000, HostileDatagrams.srtpTooShort(random));
      assertThat(call.dropsSince(drops)).isEqualTo(Map.of(SRTP_MALFORMED, 2_000L));

      // The handshake ran with the peer's address; records from another one never reach it.
      drops = call.drops();
      rogue.flood(5_000, HostileDatagrams.dtlsShaped(random));
      assertThat(call.dropsSince(drops)).isEqualTo(Map.of(DTLS_NOT_EXPECTED, 5_000L));

      // Anything at all from the bound address: still exactly one drop each.
      drops = call.drops();
      call.whileFlowing(HostileCall.FULL_DELIVERY, () -> rogue.flood(20_000, HostileDatagrams.random(random)));
      Map<DropReason, Long> fuzz = call.dropsSince(drops);
      System.out.println("20000 random datagrams from a bound address -> drops " + fuzz);
      assertThat(sum(fuzz)).isEqualTo(20_000);

      call.assertIntact(before.transports(), before.boundAddresses() + 1);
    }
  }

  @Test
  void stolenCredentialsFromManyPorts_bindAtMostTheCap() throws Exception {
    try (HostileCall call = new HostileCall(1)) {
      HostileCall.Footprint before = call.footprint();
      MediaCounters counters = call.plane.counters();
      long tooMany = counters.drops(TOO_MANY_ADDRESSES);
      int ports = 3 * MAX_ADDRESSES_PER_ENDPOINT;
      List<Attacker> rogues = new ArrayList<>();
      try {
        for (int i = 0; i < ports; i++) {
          Attacker rogue = new Attacker(call.plane);
          rogues.add(rogue);
          // Valid checks, sent without waiting: refused ones get no answer to wait for.
          rogue.send(checkFor(call.publisher));
        }
        Await.until(HostileCall.WAIT,
            () -> counters.drops(TOO_MANY_ADDRESSES) - tooMany + call.plane.boundAddresses() - before.boundAddresses()
                >= ports,
            () -> "bound " + (call.plane.boundAddresses() - before.boundAddresses()) + ", refused "
                + (counters.drops(TOO_MANY_ADDRESSES) - tooMany) + " of " + ports);
      } finally {
        rogues.forEach(Attacker::close);
      }
      int grown = call.plane.boundAddresses() - before.boundAddresses();
      System.out.println(ports + " ports with stolen credentials -> bound " + grown + ", refused "
          + (counters.drops(TOO_MANY_ADDRESSES) - tooMany));
      // The peer's own address is one of the endpoint's eight.
      assertThat(grown).isEqualTo(MAX_ADDRESSES_PER_ENDPOINT - 1);
      assertThat(counters.drops(TOO_MANY_ADDRESSES) - tooMany).isEqualTo(ports - grown);
      call.assertIntact(before.transports(), before.boundAddresses() + grown);
    }
  }

  @Test
  void srtpBeforeTheHandshake_isNotReady_andGarbageDtlsOnTheSelectedPairStaysBounded() throws Exception {
    try (HostileCall call = new HostileCall(1); Attacker rogue = new Attacker(call.plane)) {
      HostileCall.Footprint before = call.footprint();
      // A subscriber endpoint whose peer never starts ICE: the rogue's check becomes its selected pair.
      WebRtcEndpoint endpoint = call.fixture.endpoint();
      call.publisher.endpoint().connect(endpoint);
      HostileCall.Leg idle = call.negotiate(endpoint, PeerOptions.subscriber(), UnaryOperator.identity(),
          UnaryOperator.identity());
      assertThat(rogue.passIce(idle.nodeIce(), idle.peerIce())).isTrue();
      Random random = new Random(SEED + 1);

      long[] drops = call.drops();
      rogue.flood(3_000, HostileDatagrams.srtpUnknownSsrc(random, 96));
      rogue.flood(3_000, HostileDatagrams.srtcpShaped(random));
      assertThat(call.dropsSince(drops)).isEqualTo(Map.of(SRTP_NOT_READY, 6_000L));

      // Garbage records go to the endpoint's DTLS server through its bounded queue: some are
      // refused as the queue fills, none may hurt the media thread or the other endpoints.
      MediaCounters counters = call.plane.counters();
      long received = counters.traffic(MediaCounters.Traffic.DATAGRAMS_IN);
      int records = 5_000;
      HostileDatagrams.Generator dtls = HostileDatagrams.dtlsShaped(random);
      byte[] buf = new byte[2048];
      for (int i = 0; i < records; i++) {
        int len = dtls.next(buf);
        rogue.send(Arrays.copyOf(buf, len));
      }
      Await.until(HostileCall.WAIT, () -> counters.traffic(MediaCounters.Traffic.DATAGRAMS_IN) - received >= records,
          () -> "the node read " + (counters.traffic(MediaCounters.Traffic.DATAGRAMS_IN) - received) + " of "
              + records);
      System.out.println(records + " garbage DTLS records on a selected pair -> drops " + call.dropsSince(drops));
      call.assertIntact(before.transports() + 1, before.boundAddresses() + 1);

      // Releasing the endpoint frees its transport, its bound address and its DTLS thread.
      endpoint.release();
      Await.until(HostileCall.WAIT, () -> call.plane.openTransports() == before.transports(),
          () -> call.plane.openTransports() + " transports open");
      call.assertIntact(before);
    }
  }

  @Test
  void aWrongFingerprintInTheOffer_orInTheAnswer_failsDtls_andLeavesTheCallAlone() throws Exception {
    try (HostileCall call = new HostileCall(2)) {
      HostileCall.Footprint before = call.footprint();
      PeerOptions impatient = new PeerOptions(InetAddress.getLoopbackAddress(), true, true, true, false,
          Duration.ofSeconds(5));

      // The node, DTLS server, finds the peer's certificate does not match the offer.
      WebRtcEndpoint offered = call.fixture.endpoint();
      List<String> offeredEvents = events(offered);
      HostileCall.Leg forgedOffer = call.negotiate(offered, impatient, HostileCall::wrongFingerprint,
          UnaryOperator.identity());
      assertThatThrownBy(() -> forgedOffer.peer().connect()).hasMessageContaining("DTLS failed");
      Await.until(HostileCall.WAIT, () -> offeredEvents.contains("ice FAILED"), () -> "events " + offeredEvents);

      // The peer, DTLS client, finds the node's certificate does not match the answer.
      WebRtcEndpoint answered = call.fixture.endpoint();
      List<String> answeredEvents = events(answered);
      HostileCall.Leg forgedAnswer = call.negotiate(answered, impatient, UnaryOperator.identity(),
          HostileCall::wrongFingerprint);
      assertThatThrownBy(() -> forgedAnswer.peer().connect()).hasMessageContaining("DTLS failed");
      Await.until(HostileCall.WAIT, () -> answeredEvents.contains("ice FAILED"), () -> "events " + answeredEvents);

      System.out.println("wrong fingerprint in the offer -> " + offeredEvents + "; in the answer -> " + answeredEvents);
      assertThat(offeredEvents).doesNotContain("connection CONNECTED", "ice READY");
      assertThat(answeredEvents).doesNotContain("connection CONNECTED", "ice READY");
      call.assertIntact(before.transports() + 2, before.boundAddresses() + 2);

      offered.release();
      answered.release();
      Await.until(HostileCall.WAIT, () -> call.plane.openTransports() == before.transports(),
          () -> call.plane.openTransports() + " transports open");
      call.assertIntact(before);
    }
  }

  private static List<String> events(WebRtcEndpoint endpoint) {
    List<String> events = new CopyOnWriteArrayList<>();
    endpoint.addIceComponentStateChangedListener(e -> events.add("ice " + e.getState()));
    endpoint.addConnectionStateChangedListener(e -> events.add("connection " + e.getNewState()));
    return events;
  }

  /** A valid check from a thief of {@code leg}'s credentials, without USE-CANDIDATE. */
  private static byte[] checkFor(HostileCall.Leg leg) {
    return new IceControllingChecker(leg.peerIce(), leg.nodeIce(),
        IceCandidate.priority(IceCandidate.HOST_TYPE_PREFERENCE, 65535, 1), false).nextRequest(Instant.now());
  }

  private static long sum(Map<DropReason, Long> drops) {
    return drops.values().stream().mapToLong(Long::longValue).sum();
  }
}
