package dev.switchboard.medianode.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.support.Fixtures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;

/** processOffer, generateOffer and processAnswer with real Chromium offers, as the tutorials do. */
class SdpNegotiationConformanceTest extends KurentoClientTestBase {

  @ParameterizedTest(name = "{0} offer is answered {1}")
  @CsvSource({
      "sendrecv, sendrecv",
      "sendonly, recvonly",
      "recvonly, sendonly",
      "video-only-sendonly, recvonly",
  })
  void processOffer_answersChromiumOffersForChrome(String fixture, String expectedDirection) {
    String offer = Fixtures.chromiumOffer(fixture);
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();

    String answer = endpoint.processOffer(offer);

    assertThat(mLines(answer)).hasSameSizeAs(mLines(offer));
    assertThat(answer).contains("a=ice-lite", "a=setup:passive", "a=fingerprint:sha-256 ", "a=rtcp-mux",
        "a=group:BUNDLE", "a=ice-ufrag:", "a=ice-pwd:", "a=" + expectedDirection);
    assertThat(answer).doesNotContain("a=setup:actpass", "transport-cc", "a=candidate:0");
    boolean weSend = !expectedDirection.equals("recvonly");
    assertThat(answer.contains("a=ssrc:")).as("a=ssrc only where we send").isEqualTo(weSend);
    assertThat(endpoint.getLocalSessionDescriptor()).isEqualTo(answer);
    assertThat(endpoint.getRemoteSessionDescriptor()).isEqualTo(offer);
    pipeline.release();
  }

  @Test
  void processOffer_rejectsTheDataChannelUnlessRequested() {
    String offer = Fixtures.chromiumOffer("sendrecv-datachannel");
    MediaPipeline pipeline = kurento.createMediaPipeline();
    String withoutData = new WebRtcEndpoint.Builder(pipeline).build().processOffer(offer);
    String withData = new WebRtcEndpoint.Builder(pipeline).useDataChannels().build().processOffer(offer);
    assertThat(withoutData).contains("m=application 0 ");
    assertThat(withData).contains("a=sctp-port:").doesNotContain("m=application 0 ");
    pipeline.release();
  }

  @Test
  void recvonlyEndpoint_neverSends() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).recvonly().build();
    String answer = endpoint.processOffer(Fixtures.chromiumOffer("sendrecv"));
    assertThat(answer).contains("a=recvonly").doesNotContain("a=sendrecv", "a=ssrc:");
    pipeline.release();
  }

  @Test
  void bandwidthProperties_roundTripAndCapTheAnswer() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
    assertThat(endpoint.getMaxVideoRecvBandwidth()).isZero();
    assertThat(endpoint.getMaxVideoSendBandwidth()).isEqualTo(500);
    assertThat(endpoint.getMinVideoSendBandwidth()).isEqualTo(100);
    endpoint.setMaxVideoRecvBandwidth(600);
    endpoint.setMaxAudioRecvBandwidth(64);
    endpoint.setMaxVideoSendBandwidth(1500);
    endpoint.setMinVideoRecvBandwidth(50);
    assertThat(endpoint.getMaxVideoRecvBandwidth()).isEqualTo(600);
    assertThat(endpoint.getMaxVideoSendBandwidth()).isEqualTo(1500);
    assertThat(endpoint.getMinVideoRecvBandwidth()).isEqualTo(50);
    String answer = endpoint.processOffer(Fixtures.chromiumOffer("sendonly"));
    assertThat(answer).contains("b=AS:600", "b=AS:64");
    pipeline.release();
  }

  @Test
  void generateOffer_thenProcessAnswer_negotiatesBetweenTwoEndpoints() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint offerer = new WebRtcEndpoint.Builder(pipeline).build();
    WebRtcEndpoint answerer = new WebRtcEndpoint.Builder(pipeline).build();

    String offer = offerer.generateOffer();
    assertThat(offer).contains("a=setup:actpass", "m=audio", "m=video", "a=ice-lite");
    String answer = answerer.processOffer(offer);
    String local = offerer.processAnswer(answer);

    assertThat(local).isEqualTo(offer);
    assertThat(offerer.getRemoteSessionDescriptor()).isEqualTo(answer);
    assertKurentoError(40210, () -> offerer.processAnswer(answer));
    assertKurentoError(40208, () -> offerer.generateOffer());
    pipeline.release();
  }

  @Test
  void negotiationErrors_carryTheKmsCodes() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
    assertKurentoError(40202, endpoint::getLocalSessionDescriptor);
    assertKurentoError(40203, endpoint::getRemoteSessionDescriptor);
    assertKurentoError(40209, () -> endpoint.processAnswer(Fixtures.chromiumOffer("sendrecv")));
    assertKurentoError(40201, () -> endpoint.processOffer(""));
    assertKurentoError(40201, () -> endpoint.processOffer("this is not SDP"));
    assertKurentoError(40205, () -> endpoint.processOffer(
        "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n"));

    endpoint.processOffer(Fixtures.chromiumOffer("sendrecv"));
    assertKurentoError(40208, () -> endpoint.processOffer(Fixtures.chromiumOffer("sendrecv")));
    pipeline.release();
  }

  @Test
  void recvonlyAndSendonlyTogether_areRefused() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    assertKurentoError(40107, () -> new WebRtcEndpoint.Builder(pipeline).recvonly().sendonly().build());
    pipeline.release();
  }

  private static List<String> mLines(String sdp) {
    return Arrays.stream(sdp.split("\r?\n")).filter(l -> l.startsWith("m=")).toList();
  }
}
