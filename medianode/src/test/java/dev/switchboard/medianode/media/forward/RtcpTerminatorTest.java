package dev.switchboard.medianode.media.forward;

import static dev.switchboard.medianode.media.forward.ForwardingHarness.MS;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.T0;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.payload;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.rtp;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_VP8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.media.transport.DropReason;
import dev.switchboard.medianode.media.transport.MediaCounters.Traffic;
import dev.switchboard.webrtc.rtcp.FirEntry;
import dev.switchboard.webrtc.rtcp.FullIntraRequest;
import dev.switchboard.webrtc.rtcp.GenericNack;
import dev.switchboard.webrtc.rtcp.PictureLossIndication;
import dev.switchboard.webrtc.rtcp.ReceiverReport;
import dev.switchboard.webrtc.rtcp.Remb;
import dev.switchboard.webrtc.rtcp.ReportBlock;
import dev.switchboard.webrtc.rtcp.RtcpWriter;
import dev.switchboard.webrtc.rtcp.SenderReport;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A subscriber's feedback: NACKs answered from the sink's own buffer, PLI/FIR turned into throttled PLIs upstream. */
class RtcpTerminatorTest {
  private static final long PUB_VIDEO_SSRC = 0xA0A0_0002L;
  private static final long SUB_AUDIO_SSRC = 0x5100_0001L;
  private static final long SUB_VIDEO_SSRC = 0x5100_0002L;
  /** The subscriber browser's own RTCP sender SSRC. */
  private static final long PEER_SSRC = 0x0EE0_0001L;

  private final ForwardingHarness h = new ForwardingHarness();
  private final RecordingOutput pubOut = new RecordingOutput();
  private final RecordingOutput subOut = new RecordingOutput();
  private final MediaEndpoint publisher = h.endpoint("pub", Negotiated.publisher(), pubOut);
  private final MediaEndpoint subscriber = h.endpoint("sub", Negotiated.subscriber(SUB_AUDIO_SSRC, SUB_VIDEO_SSRC),
      subOut);

  @BeforeEach
  void link() {
    h.graph.link(publisher, subscriber, MediaKind.VIDEO, T0);
    h.graph.link(publisher, subscriber, MediaKind.AUDIO, T0);
  }

  private void forward(int firstSeq, int count, long now) {
    for (int i = 0; i < count; i++) {
      int seq = (firstSeq + i) & 0xFFFF;
      h.receive(publisher, rtp(PUB_VP8, PUB_VIDEO_SSRC, seq, 3000L * seq, i % 3 == 0, payload(seq, 200)), now);
    }
  }

  @Test
  void aNackIsAnsweredWithTheStoredBytes_exactlyAsTheyWereSent() {
    forward(2000, 10, T0 + MS);
    assertThat(subOut.rtp).hasSize(10);

    h.receiveRtcp(subscriber, T0 + 50 * MS, new GenericNack(PEER_SSRC, SUB_VIDEO_SSRC, List.of(2003, 2005)));

    assertThat(subOut.resent).hasSize(2);
    assertThat(subOut.resent.get(0)).isEqualTo(subOut.rtp.get(3));
    assertThat(subOut.resent.get(1)).isEqualTo(subOut.rtp.get(5));
    assertThat(h.counters.traffic(Traffic.RTP_RETRANSMITTED)).isEqualTo(2);
    assertThat(subOut.rtp).hasSize(10);
  }

  @Test
  void aNackForAPacketNeverSentOrLongOverwrittenOrAnotherSsrcSendsNothing() {
    forward(2000, 10, T0 + MS);
    // Never forwarded, though within the buffer's reach.
    h.receiveRtcp(subscriber, T0 + 50 * MS, new GenericNack(PEER_SSRC, SUB_VIDEO_SSRC, List.of(1990, 2010)));
    // An SSRC this endpoint does not send, and the publisher's own SSRC, which the subscriber never saw.
    h.receiveRtcp(subscriber, T0 + 50 * MS, new GenericNack(PEER_SSRC, 0x1234_5678L, List.of(2003)));
    h.receiveRtcp(subscriber, T0 + 50 * MS, new GenericNack(PEER_SSRC, PUB_VIDEO_SSRC, List.of(2003)));
    assertThat(subOut.resent).isEmpty();

    // 1100 more packets overwrite the 1024-slot video buffer: 2003 is gone, recent ones are still there.
    forward(2010, 1100, T0 + 100 * MS);
    h.receiveRtcp(subscriber, T0 + 200 * MS, new GenericNack(PEER_SSRC, SUB_VIDEO_SSRC, List.of(2003)));
    assertThat(subOut.resent).isEmpty();
    h.receiveRtcp(subscriber, T0 + 200 * MS, new GenericNack(PEER_SSRC, SUB_VIDEO_SSRC, List.of(3100)));
    assertThat(subOut.resent).hasSize(1);
    assertThat(subOut.resent.getFirst()).isEqualTo(subOut.rtp.get(1100));
    assertThat(h.counters.traffic(Traffic.RTP_RETRANSMITTED)).isEqualTo(1);
  }

  @Test
  void aNackArrivingWhileTheTransportIsDownIsIgnored() {
    forward(10, 5, T0 + MS);
    subOut.ready = false;
    h.receiveRtcp(subscriber, T0 + 50 * MS, new GenericNack(PEER_SSRC, SUB_VIDEO_SSRC, List.of(12)));
    assertThat(subOut.resent).isEmpty();
  }

  @Test
  void pliAndFirFromASubscriberBecomeAPliToTheSource_throttledTo300msWithThePendingOneFlushedLater() {
    forward(100, 1, T0 + MS);
    long t = T0 + 1000 * MS;
    h.keyframes.flushPending(publisher, t);
    pubOut.clear();

    h.receiveRtcp(subscriber, t, new ReceiverReport(PEER_SSRC, List.of()),
        new PictureLossIndication(PEER_SSRC, SUB_VIDEO_SSRC));
    assertThat(pubOut.plis()).containsExactly(new PictureLossIndication(publisher.rtcpSsrc, PUB_VIDEO_SSRC));

    // RFC 5104 §4.3.1.2: a FIR names its target in the FCI, the media SSRC field is 0.
    h.receiveRtcp(subscriber, t + 100 * MS,
        new FullIntraRequest(PEER_SSRC, 0, List.of(new FirEntry(SUB_VIDEO_SSRC, 1))));
    assertThat(pubOut.plis()).hasSize(1);
    h.keyframes.flushPending(publisher, t + 299 * MS);
    assertThat(pubOut.plis()).hasSize(1);
    h.keyframes.flushPending(publisher, t + 300 * MS);
    assertThat(pubOut.plis()).hasSize(2);
    assertThat(pubOut.plis().get(1)).isEqualTo(new PictureLossIndication(publisher.rtcpSsrc, PUB_VIDEO_SSRC));
    // Sent once: nothing is left pending.
    h.keyframes.flushPending(publisher, t + 2000 * MS);
    assertThat(pubOut.plis()).hasSize(2);

    // After the interval a FIR alone goes straight through.
    h.receiveRtcp(subscriber, t + 3000 * MS,
        new FullIntraRequest(PEER_SSRC, 0, List.of(new FirEntry(SUB_VIDEO_SSRC, 2))));
    assertThat(pubOut.plis()).hasSize(3);
    assertThat(h.counters.drops(DropReason.RTCP_MALFORMED)).isZero();
  }

  @Test
  void keyframeRequestsForAudioOrAnUnknownSsrc_andRembFromASubscriber_goNowhere() {
    forward(100, 1, T0 + MS);
    long t = T0 + 1000 * MS;
    h.keyframes.flushPending(publisher, t);
    pubOut.clear();

    h.receiveRtcp(subscriber, t, new PictureLossIndication(PEER_SSRC, SUB_AUDIO_SSRC),
        new PictureLossIndication(PEER_SSRC, 0xDEAD_BEEFL),
        new FullIntraRequest(PEER_SSRC, 0, List.of(new FirEntry(PUB_VIDEO_SSRC, 1))),
        new Remb(PEER_SSRC, 50_000, List.of(SUB_VIDEO_SSRC)));
    h.keyframes.flushPending(publisher, t + 1000 * MS);
    assertThat(pubOut.rtcp).isEmpty();
  }

  @Test
  void brokenRtcpIsCountedAndWhatCameBeforeTheBreakIsStillActedOn() {
    forward(100, 1, T0 + MS);
    long t = T0 + 1000 * MS;
    h.keyframes.flushPending(publisher, t);
    pubOut.clear();
    byte[] pli = RtcpWriter.compound(List.of(new PictureLossIndication(PEER_SSRC, SUB_VIDEO_SSRC)));
    byte[] broken = Arrays.copyOf(pli, pli.length + 4);
    // A second header claiming more words than remain.
    broken[pli.length] = (byte) 0x81;
    broken[pli.length + 1] = (byte) 201;
    broken[pli.length + 3] = 9;
    h.terminator.onRtcp(subscriber, broken, broken.length, t);

    assertThat(h.counters.drops(DropReason.RTCP_MALFORMED)).isEqualTo(1);
    assertThat(pubOut.plis()).hasSize(1);
  }

  @Test
  void lossesASubscriberReportsOnOurStreamsAreCountedOnce_otherStreamsAndRepeatsAddNothing() {
    forward(2000, 10, T0 + MS);
    long t = T0 + 1000 * MS;

    h.receiveRtcp(subscriber, t, new ReceiverReport(PEER_SSRC, List.of(block(SUB_VIDEO_SSRC, 3),
        block(0xDEAD_BEEFL, 50), block(PUB_VIDEO_SSRC, 40))));
    assertThat(downstreamLost()).as("only the block about a stream we send it").isEqualTo(3);

    h.receiveRtcp(subscriber, t + 1000 * MS, new ReceiverReport(PEER_SSRC, List.of(block(SUB_VIDEO_SSRC, 3))));
    h.receiveRtcp(subscriber, t + 2000 * MS, new ReceiverReport(PEER_SSRC, List.of(block(SUB_VIDEO_SSRC, 1))));
    assertThat(downstreamLost()).as("a repeat, then duplicates lowering the count").isEqualTo(3);

    h.receiveRtcp(subscriber, t + 3000 * MS, new ReceiverReport(PEER_SSRC, List.of(block(SUB_VIDEO_SSRC, 7),
        block(SUB_AUDIO_SSRC, -5))));
    assertThat(downstreamLost()).as("growth past the highest seen; a negative count adds nothing").isEqualTo(7);

    // A subscriber that also sends carries its report blocks in an SR (RFC 3550 §6.4.1).
    h.receiveRtcp(subscriber, t + 4000 * MS, new SenderReport(PEER_SSRC, 1L << 32, 90_000, 10, 1000,
        List.of(block(SUB_AUDIO_SSRC, 2))));
    assertThat(downstreamLost()).isEqualTo(9);

    h.receiveRtcp(publisher, t + 5000 * MS, new ReceiverReport(PEER_SSRC, List.of(block(SUB_VIDEO_SSRC, 100))));
    assertThat(downstreamLost()).as("a publisher's report about SSRCs it is not sent").isEqualTo(9);
  }

  @Test
  void aReportClaimingMoreBlocksThanItHoldsIsReadAsFarAsItGoes() {
    forward(2000, 10, T0 + MS);
    byte[] two = RtcpWriter.compound(List.of(new ReceiverReport(PEER_SSRC,
        List.of(block(SUB_VIDEO_SSRC, 4), block(SUB_AUDIO_SSRC, 6)))));
    byte[] one = Arrays.copyOf(two, 8 + 24);
    one[3] = 7; // length in 32-bit words minus one: the header and one block; the count still says two

    h.terminator.onRtcp(subscriber, one, one.length, T0 + 1000 * MS);

    assertThat(downstreamLost()).isEqualTo(4);
    assertThat(h.counters.drops(DropReason.RTCP_MALFORMED)).isZero();
  }

  @Test
  void mutatedReportsNeverThrowAndNeverLowerTheCount() {
    forward(2000, 10, T0 + MS);
    byte[] seed = RtcpWriter.compound(List.of(
        new SenderReport(PEER_SSRC, 1L << 32, 90_000, 10, 1000, List.of(block(SUB_AUDIO_SSRC, 2))),
        new ReceiverReport(PEER_SSRC, List.of(block(SUB_VIDEO_SSRC, 4), block(SUB_AUDIO_SSRC, 6)))));
    java.util.Random random = new java.util.Random(20261124);
    long previous = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] packet = Arrays.copyOf(seed, random.nextInt(seed.length + 1));
      for (int flips = random.nextInt(4); flips >= 0 && packet.length > 0; flips--) {
        packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
      }
      h.terminator.onRtcp(subscriber, packet, packet.length, T0 + i * MS);
      assertThat(downstreamLost()).isGreaterThanOrEqualTo(previous);
      previous = downstreamLost();
    }
  }

  private long downstreamLost() {
    return h.counters.traffic(Traffic.RTP_LOST_DOWNSTREAM);
  }

  private static ReportBlock block(long ssrc, int cumulativeLost) {
    return new ReportBlock(ssrc, 10, cumulativeLost, 2009, 0, 0, 0);
  }
}
