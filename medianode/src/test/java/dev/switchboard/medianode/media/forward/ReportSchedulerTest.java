package dev.switchboard.medianode.media.forward;

import static dev.switchboard.medianode.media.forward.ForwardingHarness.MS;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.REMB_BITRATE;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.T0;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.payload;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.rtp;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_OPUS;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_VP8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.webrtc.rtcp.ReceiverReport;
import dev.switchboard.webrtc.rtcp.Remb;
import dev.switchboard.webrtc.rtcp.ReportBlock;
import dev.switchboard.webrtc.rtcp.RtcpPacket;
import dev.switchboard.webrtc.rtcp.SdesChunk;
import dev.switchboard.webrtc.rtcp.SdesItem;
import dev.switchboard.webrtc.rtcp.SenderReport;
import dev.switchboard.webrtc.rtcp.SourceDescription;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each leg's own RTCP: RR and REMB up to a publisher, SR and SDES down to a subscriber, in the leg's own numbers. */
class ReportSchedulerTest {
  private static final long PUB_AUDIO_SSRC = 0xA0A0_0001L;
  private static final long PUB_VIDEO_SSRC = 0xA0A0_0002L;
  private static final long SUB_AUDIO_SSRC = 0x5100_0001L;
  private static final long SUB_VIDEO_SSRC = 0x5100_0002L;
  private static final long WALL_MILLIS = 1_700_000_000_000L;
  /** Seconds from 1900 to 1970, for the expected NTP timestamps. */
  private static final long NTP_UNIX_OFFSET = 2_208_988_800L;
  private static final long REPORT_AT = T0 + 1500 * MS;

  private final ForwardingHarness h = new ForwardingHarness();
  private final RecordingOutput pubOut = new RecordingOutput();
  private final RecordingOutput subOut = new RecordingOutput();
  private final MediaEndpoint publisher = h.endpoint("pub", Negotiated.publisher(), pubOut);
  private final MediaEndpoint subscriber = h.endpoint("sub", Negotiated.subscriber(SUB_AUDIO_SSRC, SUB_VIDEO_SSRC),
      subOut);
  /** The wall clock read at the same moment as T0 on the monotonic clock. */
  private final ReportScheduler reports = new ReportScheduler(WALL_MILLIS, T0, h.counters);

  @BeforeEach
  void flow() {
    h.graph.link(publisher, subscriber, MediaKind.VIDEO, T0);
    h.graph.link(publisher, subscriber, MediaKind.AUDIO, T0);
    // Ten 500-byte video packets every 33 ms, five 80-byte audio packets every 20 ms.
    for (int i = 0; i < 10; i++) {
      h.receive(publisher, rtp(PUB_VP8, PUB_VIDEO_SSRC, 100 + i, 10_000 + 2970L * i, false, payload(i, 500)),
          T0 + i * 33 * MS);
    }
    for (int i = 0; i < 5; i++) {
      h.receive(publisher, rtp(PUB_OPUS, PUB_AUDIO_SSRC, 7 + i, 20_000 + 960L * i, false, payload(i, 80)),
          T0 + i * 20 * MS);
    }
  }

  @Test
  void aPublisherGetsAReceiverReportAboutWhatItSent_plusRembForItsVideo() {
    // The publisher's SR at T0+200ms: its LSR and the delay since come back in the video block.
    long srNtp = 0x1234_5678_9ABC_DEF0L;
    h.receiveRtcp(publisher, T0 + 200 * MS, new SenderReport(PUB_VIDEO_SSRC, srNtp, 12_345, 10, 5000, List.of()));
    pubOut.clear();

    reports.report(publisher, REPORT_AT);

    assertThat(pubOut.rtcp).hasSize(1);
    List<RtcpPacket> packets = pubOut.rtcpPackets();
    assertThat(packets).hasSize(3);
    ReceiverReport rr = (ReceiverReport) packets.get(0);
    assertThat(rr.ssrc()).isEqualTo(publisher.rtcpSsrc);
    assertThat(rr.reports()).extracting(ReportBlock::ssrc).containsExactly(PUB_AUDIO_SSRC, PUB_VIDEO_SSRC);
    ReportBlock audio = rr.reports().get(0);
    assertThat(audio.highestSeq()).isEqualTo(11);
    assertThat(audio.cumulativeLost()).isZero();
    assertThat(audio.lastSr()).isZero();
    ReportBlock video = rr.reports().get(1);
    assertThat(video.highestSeq()).isEqualTo(109);
    assertThat(video.cumulativeLost()).isZero();
    assertThat(video.fractionLost()).isZero();
    assertThat(video.lastSr()).isEqualTo((srNtp >>> 16) & 0xFFFF_FFFFL);
    // 1.3 s in 1/65536 s units.
    assertThat(video.delaySinceLastSr()).isEqualTo(65536 + 300_000_000L * 65536 / 1_000_000_000L);
    assertThat(packets.get(1)).isEqualTo(new SourceDescription(List.of(
        new SdesChunk(publisher.rtcpSsrc, List.of(new SdesItem(SdesItem.CNAME, "pub-cname"))))));
    assertThat(packets.get(2)).isEqualTo(new Remb(publisher.rtcpSsrc, REMB_BITRATE, List.of(PUB_VIDEO_SSRC)));
  }

  @Test
  void aSubscriberGetsSenderReportsWithItsOwnSsrcsCountsAndTimeline_plusCname() {
    reports.report(subscriber, REPORT_AT);

    List<RtcpPacket> packets = subOut.rtcpPackets();
    assertThat(packets).hasSize(3);
    SenderReport audio = (SenderReport) packets.get(0);
    SenderReport video = (SenderReport) packets.get(1);
    long expectedNtp = (WALL_MILLIS / 1000 + 1 + NTP_UNIX_OFFSET) << 32 | 0x8000_0000L;
    assertThat(audio.ssrc()).isEqualTo(SUB_AUDIO_SSRC);
    assertThat(audio.packetCount()).isEqualTo(5);
    assertThat(audio.octetCount()).isEqualTo(5 * 80);
    assertThat(audio.ntpTimestamp()).isEqualTo(expectedNtp);
    // Last audio packet at T0+80ms with timestamp 23_840; 1420 ms later at 48 kHz.
    assertThat(audio.rtpTimestamp()).isEqualTo(20_000 + 960 * 4 + 1420 * 48);
    assertThat(audio.reports()).isEmpty();
    assertThat(video.ssrc()).isEqualTo(SUB_VIDEO_SSRC);
    assertThat(video.packetCount()).isEqualTo(10);
    assertThat(video.octetCount()).isEqualTo(10 * 500);
    assertThat(video.ntpTimestamp()).isEqualTo(expectedNtp);
    assertThat(video.rtpTimestamp()).isEqualTo(10_000 + 2970 * 9 + (1500 - 297) * 90);
    assertThat(packets.get(2)).isEqualTo(new SourceDescription(List.of(
        new SdesChunk(SUB_AUDIO_SSRC, List.of(new SdesItem(SdesItem.CNAME, "sub-cname"))))));
    assertThat(EndpointCounters.packetsSent(subscriber)).isEqualTo(15);
  }

  @Test
  void nothingIsSentToAnEndpointThatIsNotReadyClosedOrHasNothingToReport() {
    RecordingOutput idleOut = new RecordingOutput();
    MediaEndpoint idle = h.endpoint("idle", Negotiated.publisher(), idleOut);
    reports.report(idle, REPORT_AT);
    assertThat(idleOut.rtcp).isEmpty();

    subOut.ready = false;
    reports.report(subscriber, REPORT_AT);
    assertThat(subOut.rtcp).isEmpty();

    pubOut.clear();
    h.graph.remove(publisher);
    reports.report(publisher, REPORT_AT);
    assertThat(pubOut.rtcp).isEmpty();
  }
}
