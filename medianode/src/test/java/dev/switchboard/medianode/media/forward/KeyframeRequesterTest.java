package dev.switchboard.medianode.media.forward;

import static dev.switchboard.medianode.media.forward.ForwardingHarness.MS;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.T0;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.payload;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.rtp;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_OPUS;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_VP8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.webrtc.rtcp.PictureLossIndication;
import dev.switchboard.webrtc.sdp.MediaKind;
import org.junit.jupiter.api.Test;

/** When connecting a sink costs the publisher a keyframe: once per new sink, never for audio, never twice. */
class KeyframeRequesterTest {
  private static final long PUB_AUDIO_SSRC = 0xA0A0_0001L;
  private static final long PUB_VIDEO_SSRC = 0xA0A0_0002L;

  private final ForwardingHarness h = new ForwardingHarness();
  private final RecordingOutput pubOut = new RecordingOutput();
  private final MediaEndpoint publisher = h.endpoint("pub", Negotiated.publisher(), pubOut);
  private final RecordingOutput subOut = new RecordingOutput();
  private final MediaEndpoint subscriber = h.endpoint("sub", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L),
      subOut);
  private int seq;

  /** One video frame from the publisher, and the media tick that follows it. */
  private void frame(long now) {
    seq++;
    h.receive(publisher, rtp(PUB_VP8, PUB_VIDEO_SSRC, seq, 3000L * seq, true, payload(seq, 100)), now);
    h.receive(publisher, rtp(PUB_OPUS, PUB_AUDIO_SSRC, seq, 960L * seq, true, payload(seq, 50)), now);
    h.keyframes.flushPending(publisher, now);
  }

  private void frames(long from, long to) {
    for (long t = from; t < to; t += 33 * MS) {
      frame(t);
    }
  }

  @Test
  void linkingASinkToALivePublisherAsksForExactlyOneKeyframe() {
    frames(T0, T0 + 500 * MS);
    assertThat(pubOut.plis()).isEmpty();

    long linkAt = T0 + 500 * MS;
    h.graph.link(publisher, subscriber, MediaKind.VIDEO, linkAt);
    h.graph.link(publisher, subscriber, MediaKind.AUDIO, linkAt);
    assertThat(pubOut.plis()).containsExactly(new PictureLossIndication(publisher.rtcpSsrc, PUB_VIDEO_SSRC));

    // The first forwarded packet starts the sink's numbering; that is the same connect, not a second request.
    frames(linkAt + 10 * MS, linkAt + 2000 * MS);
    assertThat(subOut.rtp).isNotEmpty();
    assertThat(pubOut.plis()).hasSize(1);
    assertThat(EndpointCounters.keyframeRequests(publisher)).isEqualTo(1);
  }

  @Test
  void aSinkLinkedBeforeThePublisherSendsGetsItsKeyframeWithTheFirstPacket() {
    h.graph.link(publisher, subscriber, MediaKind.VIDEO, T0);
    assertThat(pubOut.plis()).isEmpty();
    frame(T0 + 10 * MS);
    assertThat(pubOut.plis()).containsExactly(new PictureLossIndication(publisher.rtcpSsrc, PUB_VIDEO_SSRC));
    frames(T0 + 43 * MS, T0 + 2000 * MS);
    assertThat(pubOut.plis()).hasSize(1);
  }

  @Test
  void aSinkLinkedBeforeItsTransportIsReadyAsksWhenItBecomesReady() {
    frames(T0, T0 + 100 * MS);
    subOut.ready = false;
    h.graph.link(publisher, subscriber, MediaKind.VIDEO, T0 + 100 * MS);
    frames(T0 + 100 * MS, T0 + 1000 * MS);
    assertThat(pubOut.plis()).isEmpty();

    subOut.ready = true;
    h.graph.sinkReady(subscriber, T0 + 1000 * MS);
    assertThat(pubOut.plis()).hasSize(1);
    frames(T0 + 1010 * MS, T0 + 3000 * MS);
    assertThat(pubOut.plis()).hasSize(1);
  }

  @Test
  void aSecondSinkJustAfterTheFirstStillGetsAKeyframe_afterTheInterval() {
    RecordingOutput secondOut = new RecordingOutput();
    MediaEndpoint second = h.endpoint("second", Negotiated.subscriber(0x5200_0001L, 0x5200_0002L), secondOut);
    frames(T0, T0 + 100 * MS);
    h.graph.link(publisher, subscriber, MediaKind.VIDEO, T0 + 100 * MS);
    // The keyframe for the first sink may already be on its way: the second one must not rely on it.
    h.graph.link(publisher, second, MediaKind.VIDEO, T0 + 150 * MS);
    assertThat(pubOut.plis()).hasSize(1);
    frames(T0 + 160 * MS, T0 + 399 * MS);
    assertThat(pubOut.plis()).hasSize(1);
    frames(T0 + 400 * MS, T0 + 2000 * MS);
    assertThat(pubOut.plis()).hasSize(2);
  }

  @Test
  void audioIsNeverAskedForKeyframes() {
    frames(T0, T0 + 100 * MS);
    h.graph.link(publisher, subscriber, MediaKind.AUDIO, T0 + 100 * MS);
    frames(T0 + 100 * MS, T0 + 1000 * MS);
    assertThat(pubOut.rtcp).isEmpty();
  }

  @Test
  void aPublisherWhoseTransportIsDownGetsThePliOnceItIsBack() {
    frames(T0, T0 + 100 * MS);
    pubOut.ready = false;
    h.graph.link(publisher, subscriber, MediaKind.VIDEO, T0 + 100 * MS);
    frames(T0 + 100 * MS, T0 + 1000 * MS);
    assertThat(pubOut.rtcp).isEmpty();
    pubOut.ready = true;
    h.keyframes.flushPending(publisher, T0 + 1000 * MS);
    assertThat(pubOut.plis()).hasSize(1);
  }
}
