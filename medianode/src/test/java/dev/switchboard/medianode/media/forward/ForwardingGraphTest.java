package dev.switchboard.medianode.media.forward;

import static dev.switchboard.medianode.media.forward.ForwardingHarness.MS;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.T0;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.payload;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.rtp;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_OPUS;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_VP8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.media.transport.DropReason;
import dev.switchboard.webrtc.sdp.Direction;
import dev.switchboard.webrtc.sdp.MediaKind;
import org.junit.jupiter.api.Test;

/** Kurento's connect, disconnect and release on the media thread: who feeds whom, and what cannot be linked. */
class ForwardingGraphTest {
  private static final long PUB_AUDIO_SSRC = 0xA0A0_0001L;
  private static final long PUB_VIDEO_SSRC = 0xA0A0_0002L;

  private final ForwardingHarness h = new ForwardingHarness();
  private final RecordingOutput pubOut = new RecordingOutput();
  private final MediaEndpoint publisher = h.endpoint("pub", Negotiated.publisher(), pubOut);

  private void sendVideo(MediaEndpoint from, int seq, long now) {
    h.receive(from, rtp(PUB_VP8, PUB_VIDEO_SSRC, seq, 3000L * seq, false, payload(seq, 100)), now);
  }

  private void sendAudio(MediaEndpoint from, int seq, long now) {
    h.receive(from, rtp(PUB_OPUS, PUB_AUDIO_SSRC, seq, 960L * seq, false, payload(seq, 50)), now);
  }

  @Test
  void aSinkThatNegotiatedAnotherCodecIsRefused_andCounted() {
    RecordingOutput out = new RecordingOutput();
    MediaEndpoint h264 = h.endpoint("h264", Negotiated.session(
        Negotiated.media(0, MediaKind.AUDIO, Direction.SENDONLY, Negotiated.opus(Negotiated.SUB_OPUS), 0x5100_0001L),
        Negotiated.media(1, MediaKind.VIDEO, Direction.SENDONLY, Negotiated.h264(102), 0x5100_0002L)), out);

    assertThat(h.graph.link(publisher, h264, MediaKind.VIDEO, T0)).isFalse();
    assertThat(h.counters.drops(DropReason.CODEC_MISMATCH)).isEqualTo(1);
    // Audio matches, so that link stands: the refusal is per kind.
    assertThat(h.graph.link(publisher, h264, MediaKind.AUDIO, T0)).isTrue();

    sendVideo(publisher, 1, T0 + MS);
    sendAudio(publisher, 1, T0 + MS);
    assertThat(out.rtp).hasSize(1);
    assertThat(out.rtpHeader(0).payloadType()).isEqualTo(Negotiated.SUB_OPUS);
    assertThat(h.counters.drops(DropReason.CODEC_MISMATCH)).isEqualTo(1);
  }

  @Test
  void aKindTheSinkDoesNotSendOrTheSourceDoesNotReceiveCannotBeLinked() {
    RecordingOutput out = new RecordingOutput();
    MediaEndpoint audioOnly = h.endpoint("audio-only", Negotiated.session(
        Negotiated.media(0, MediaKind.AUDIO, Direction.SENDONLY, Negotiated.opus(Negotiated.SUB_OPUS), 0x5100_0001L)),
        out);
    assertThat(h.graph.link(publisher, audioOnly, MediaKind.VIDEO, T0)).isFalse();
    // The subscriber receives nothing from its peer, so it cannot be a source.
    assertThat(h.graph.link(audioOnly, publisher, MediaKind.AUDIO, T0)).isFalse();
    assertThat(h.counters.totalDrops()).isZero();
  }

  @Test
  void unlinkStopsForwarding_andLinkingTwiceForwardsOnce() {
    RecordingOutput out = new RecordingOutput();
    MediaEndpoint sink = h.endpoint("sink", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L), out);
    assertThat(h.graph.link(publisher, sink, MediaKind.VIDEO, T0)).isTrue();
    assertThat(h.graph.link(publisher, sink, MediaKind.VIDEO, T0)).isTrue();
    sendVideo(publisher, 1, T0 + MS);
    assertThat(out.rtp).hasSize(1);

    h.graph.unlink(publisher, sink, MediaKind.VIDEO);
    sendVideo(publisher, 2, T0 + 2 * MS);
    assertThat(out.rtp).hasSize(1);
    assertThat(sink.outbound(MediaKind.VIDEO).source).isNull();
  }

  @Test
  void removingAnEndpointDetachesItAsSourceAndAsSink() {
    RecordingOutput relayOut = new RecordingOutput();
    RecordingOutput sinkOut = new RecordingOutput();
    // A sendrecv endpoint: it publishes to the sink and subscribes to the publisher.
    MediaEndpoint relay = h.endpoint("relay", Negotiated.session(
        Negotiated.media(0, MediaKind.AUDIO, Direction.SENDRECV, Negotiated.opus(PUB_OPUS), 0x5300_0001L),
        Negotiated.media(1, MediaKind.VIDEO, Direction.SENDRECV, Negotiated.vp8(PUB_VP8), 0x5300_0002L)), relayOut);
    MediaEndpoint sink = h.endpoint("sink", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L), sinkOut);
    h.graph.link(publisher, relay, MediaKind.VIDEO, T0);
    h.graph.link(relay, sink, MediaKind.AUDIO, T0);
    sendVideo(publisher, 1, T0 + MS);
    sendAudio(relay, 1, T0 + MS);
    sendVideo(relay, 1, T0 + MS);
    assertThat(relayOut.rtp).hasSize(1);
    assertThat(sinkOut.rtp).hasSize(1);

    h.graph.remove(relay);

    assertThat(publisher.inbound(MediaKind.VIDEO).sinks).isEmpty();
    assertThat(relay.outbound(MediaKind.VIDEO).source).isNull();
    assertThat(relay.inbound(MediaKind.AUDIO).sinks).isEmpty();
    assertThat(sink.outbound(MediaKind.AUDIO).source).isNull();
    sendVideo(publisher, 2, T0 + 2 * MS);
    sendAudio(relay, 2, T0 + 2 * MS);
    assertThat(relayOut.rtp).hasSize(1);
    assertThat(sinkOut.rtp).hasSize(1);
    // A closed endpoint is not asked for keyframes either.
    relayOut.clear();
    h.keyframes.request(relay.inbound(MediaKind.VIDEO), T0 + 10_000 * MS);
    assertThat(relayOut.rtcp).isEmpty();
  }

  @Test
  void aRemovedEndpointCannotBeLinkedAgain() {
    // MediaPlane posts close and connect to the media thread independently, so a connect can land after a close.
    RecordingOutput sinkOut = new RecordingOutput();
    MediaEndpoint sink = h.endpoint("sink", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L), sinkOut);
    MediaEndpoint gone = h.endpoint("gone", Negotiated.subscriber(0x5200_0001L, 0x5200_0002L), new RecordingOutput());
    RecordingOutput gonePubOut = new RecordingOutput();
    MediaEndpoint gonePublisher = h.endpoint("gone-pub", Negotiated.publisher(), gonePubOut);
    h.graph.remove(gone);
    h.graph.remove(gonePublisher);

    assertThat(h.graph.link(publisher, gone, MediaKind.VIDEO, T0)).isFalse();
    assertThat(publisher.inbound(MediaKind.VIDEO).sinks).isEmpty();
    assertThat(h.graph.link(gonePublisher, sink, MediaKind.VIDEO, T0)).isFalse();
    assertThat(sink.outbound(MediaKind.VIDEO).source).isNull();
  }

  @Test
  void aSinkTakesEachKindFromOneSourceAtATime() {
    RecordingOutput otherOut = new RecordingOutput();
    MediaEndpoint other = h.endpoint("other", Negotiated.publisher(), otherOut);
    RecordingOutput sinkOut = new RecordingOutput();
    MediaEndpoint sink = h.endpoint("sink", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L), sinkOut);
    h.graph.link(publisher, sink, MediaKind.VIDEO, T0);
    h.graph.link(other, sink, MediaKind.VIDEO, T0);

    assertThat(publisher.inbound(MediaKind.VIDEO).sinks).isEmpty();
    assertThat(other.inbound(MediaKind.VIDEO).sinks).containsExactly(sink.outbound(MediaKind.VIDEO));
    sendVideo(publisher, 1, T0 + MS);
    assertThat(sinkOut.rtp).isEmpty();
    sendVideo(other, 1, T0 + MS);
    assertThat(sinkOut.rtp).hasSize(1);
  }
}
