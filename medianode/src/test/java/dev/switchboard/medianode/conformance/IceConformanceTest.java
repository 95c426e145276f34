package dev.switchboard.medianode.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.support.Fixtures;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kurento.client.IceCandidate;
import org.kurento.client.IceCandidateFoundEvent;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;

/** Trickle ICE both ways: IceCandidateFound per m-line then IceGatheringDone; addIceCandidate before and after the offer. */
class IceConformanceTest extends KurentoClientTestBase {
  private static final String CHROME_HOST = "candidate:1467250027 1 udp 2122260223 192.168.1.10 46243 typ host generation 0 ufrag abcd network-id 1";
  private static final String CHROME_MDNS = "candidate:842163049 1 udp 2122260223 3f7e1f0c-9f0b-4c36-8a4e-4c9f1b2f0d11.local 54400 typ host generation 0";

  @Test
  void gatherCandidates_emitsEachHostCandidatePerMLineThenGatheringDone() throws Exception {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
    List<IceCandidateFoundEvent> found = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    endpoint.addIceCandidateFoundListener(found::add);
    endpoint.addIceGatheringDoneListener(e -> done.countDown());

    String answer = endpoint.processOffer(Fixtures.chromiumOffer("sendrecv"));
    endpoint.gatherCandidates();

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    long acceptedLines = answer.lines().filter(l -> l.startsWith("m=") && !l.matches("m=\\S+ 0 .*")).count();
    // The client hands events to listeners from a pool, so only the count is comparable here;
    // the wire order is checked in EventConformanceTest.
    long expected = answer.lines().filter(l -> l.startsWith("a=candidate:")).count();
    assertThat(expected).isPositive();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (found.size() < expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(found).hasSize((int) expected);
    for (IceCandidateFoundEvent e : found) {
      IceCandidate c = e.getCandidate();
      assertThat(c.getCandidate()).startsWith("candidate:").contains(" typ host").contains(" " + running.node.mediaPlane().port() + " ");
      assertThat(answer).contains("a=mid:" + c.getSdpMid());
      assertThat(c.getSdpMLineIndex()).isBetween(0, (int) acceptedLines - 1);
    }
    assertThat(found.stream().map(e -> e.getCandidate().getSdpMid()).distinct().count()).isEqualTo(acceptedLines);
    pipeline.release();
  }

  @Test
  void gatherCandidates_calledAgain_tricklesAgain_forAWrapperThatTookOverARedeliveredOffer() throws Exception {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
    CountDownLatch twice = new CountDownLatch(2);
    List<IceCandidateFoundEvent> found = new CopyOnWriteArrayList<>();
    endpoint.addIceCandidateFoundListener(found::add);
    endpoint.addIceGatheringDoneListener(e -> twice.countDown());

    String answer = endpoint.processOffer(Fixtures.chromiumOffer("sendrecv"));
    endpoint.gatherCandidates();
    endpoint.gatherCandidates();

    assertThat(twice.await(5, TimeUnit.SECONDS)).as("gathering done twice").isTrue();
    long perRound = answer.lines().filter(l -> l.startsWith("a=candidate:")).count();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (found.size() < 2 * perRound && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(found).hasSize((int) (2 * perRound));
    pipeline.release();
  }

  @Test
  void gatherCandidates_beforeTheOffer_trickleOnceNegotiated() throws Exception {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
    CountDownLatch done = new CountDownLatch(1);
    List<IceCandidateFoundEvent> found = new CopyOnWriteArrayList<>();
    endpoint.addIceCandidateFoundListener(found::add);
    endpoint.addIceGatheringDoneListener(e -> done.countDown());

    endpoint.gatherCandidates();
    assertThat(done.await(300, TimeUnit.MILLISECONDS)).as("nothing to gather for before negotiation").isFalse();
    endpoint.processOffer(Fixtures.chromiumOffer("recvonly"));

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (found.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10); // listeners run on the client's pool, in no particular order
    }
    assertThat(found).isNotEmpty();
    endpoint.gatherCandidates();
    pipeline.release();
  }

  @Test
  void addIceCandidate_isAcceptedBeforeAndAfterTheOffer() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
    endpoint.addIceCandidate(new IceCandidate(CHROME_HOST, "0", 0));
    endpoint.processOffer(Fixtures.chromiumOffer("sendrecv"));
    endpoint.addIceCandidate(new IceCandidate(CHROME_MDNS, "1", 1));
    endpoint.addIceCandidate(new IceCandidate("", "0", 0));
    assertKurentoError(40401, () -> endpoint.addIceCandidate(new IceCandidate("candidate:garbage", "0", 0)));
    pipeline.release();
  }

  @Test
  void transportStateGetters_reportNoConnectionBeforeMediaFlows() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
    assertThat(endpoint.getMediaState()).hasToString("DISCONNECTED");
    assertThat(endpoint.getConnectionState()).hasToString("DISCONNECTED");
    assertThat(endpoint.getICECandidatePairs()).isEmpty();
    assertThat(endpoint.getIceConnectionState()).isEmpty();
    assertThat(endpoint.isMediaFlowingIn(org.kurento.client.MediaType.VIDEO)).isFalse();
    endpoint.setStunServerAddress("192.0.2.1");
    endpoint.setStunServerPort(3479);
    endpoint.setTurnUrl("user:pass@192.0.2.2:3478");
    endpoint.setExternalIPv4("198.51.100.7");
    assertThat(endpoint.getStunServerAddress()).isEqualTo("192.0.2.1");
    assertThat(endpoint.getStunServerPort()).isEqualTo(3479);
    assertThat(endpoint.getTurnUrl()).isEqualTo("user:pass@192.0.2.2:3478");
    assertThat(endpoint.getExternalIPv4()).isEqualTo("198.51.100.7");
    endpoint.requestKeyframe();
    pipeline.release();
  }
}
