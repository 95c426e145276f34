package dev.switchboard.medianode.media.forward;

import static dev.switchboard.medianode.media.forward.ForwardingHarness.MS;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.T0;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.payload;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.rtp;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_VP8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.media.transport.MediaCounters.Traffic;
import dev.switchboard.webrtc.rtcp.PictureLossIndication;
import dev.switchboard.webrtc.sdp.MediaKind;
import org.junit.jupiter.api.Test;

/**
 * The node-wide counters the metrics endpoint exposes: bytes in and forwarded, keyframe requests
 * sent to publishers and received from subscribers, and losses counted once per report.
 */
class MediaCountersTest {
  private static final long PUB_VIDEO_SSRC = 0xA0A0_0002L;
  private static final long SUB_VIDEO_SSRC = 0x5100_0002L;

  private final ForwardingHarness h = new ForwardingHarness();
  private final RecordingOutput pubOut = new RecordingOutput();
  private final RecordingOutput subOut = new RecordingOutput();
  private final MediaEndpoint publisher = h.endpoint("pub", Negotiated.publisher(), pubOut);
  private final MediaEndpoint subscriber = h.endpoint("sub", Negotiated.subscriber(0x5100_0001L, SUB_VIDEO_SSRC),
      subOut);

  @Test
  void packetsAndBytesInAndForwarded_keyframeRequestsBothWays_lossCountedOnce() {
    byte[] first = rtp(PUB_VP8, PUB_VIDEO_SSRC, 100, 9_000, true, payload(1, 500));
    h.receive(publisher, first, T0);
    // Linking a sink to a publisher that already sends asks it for a keyframe.
    assertThat(h.graph.link(publisher, subscriber, MediaKind.VIDEO, T0 + MS)).isTrue();
    assertThat(h.counters.traffic(Traffic.KEYFRAME_REQUESTS_SENT)).isEqualTo(1);

    byte[] second = rtp(PUB_VP8, PUB_VIDEO_SSRC, 101, 12_000, true, payload(2, 300));
    byte[] afterGap = rtp(PUB_VP8, PUB_VIDEO_SSRC, 104, 21_000, true, payload(3, 200));
    h.receive(publisher, second, T0 + 40 * MS);
    h.receive(publisher, afterGap, T0 + 80 * MS);

    assertThat(h.counters.traffic(Traffic.RTP_IN)).isEqualTo(3);
    assertThat(h.counters.traffic(Traffic.RTP_BYTES_IN)).isEqualTo(first.length + second.length + afterGap.length);
    assertThat(subOut.rtp).hasSize(2);
    assertThat(h.counters.traffic(Traffic.RTP_FORWARDED)).isEqualTo(2);
    assertThat(h.counters.traffic(Traffic.RTP_BYTES_FORWARDED)).isEqualTo(second.length + afterGap.length);

    h.receiveRtcp(subscriber, T0 + 500 * MS, new PictureLossIndication(subscriber.rtcpSsrc, SUB_VIDEO_SSRC));
    assertThat(h.counters.traffic(Traffic.KEYFRAME_REQUESTS_RECEIVED)).isEqualTo(1);

    ReportScheduler reports = new ReportScheduler(1_700_000_000_000L, T0, h.counters);
    reports.report(publisher, T0 + 1000 * MS);
    assertThat(h.counters.traffic(Traffic.RTP_LOST)).as("102 and 103 never came").isEqualTo(2);
    reports.report(publisher, T0 + 2000 * MS);
    assertThat(h.counters.traffic(Traffic.RTP_LOST)).as("counted once").isEqualTo(2);
  }
}
