package dev.switchboard.medianode.media.forward;

import static dev.switchboard.medianode.media.forward.ForwardingHarness.MS;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.T0;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.payload;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.payloadOf;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.rtp;
import static dev.switchboard.medianode.media.forward.Negotiated.ABS_SEND_TIME;
import static dev.switchboard.medianode.media.forward.Negotiated.AUDIO_LEVEL;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_ABS_SEND_TIME_ID;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_AUDIO_LEVEL_ID;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_OPUS;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_VP8;
import static dev.switchboard.medianode.media.forward.Negotiated.SUB_ABS_SEND_TIME_ID;
import static dev.switchboard.medianode.media.forward.Negotiated.SUB_OPUS;
import static dev.switchboard.medianode.media.forward.Negotiated.SUB_VP8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.media.transport.DropReason;
import dev.switchboard.medianode.media.transport.MediaCounters.Traffic;
import dev.switchboard.webrtc.rtcp.PictureLossIndication;
import dev.switchboard.webrtc.rtp.RtpHeader;
import dev.switchboard.webrtc.rtp.RtpWriter;
import dev.switchboard.webrtc.sdp.Direction;
import dev.switchboard.webrtc.sdp.HeaderExtension;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The per-packet rewrite: each sink gets its own SSRC, payload type, extension ids and a continuous numbering. */
class ForwarderTest {
  private static final long PUB_AUDIO_SSRC = 0xA0A0_0001L;
  private static final long PUB_VIDEO_SSRC = 0xA0A0_0002L;

  private final ForwardingHarness h = new ForwardingHarness();
  private final RecordingOutput pubOut = new RecordingOutput();
  private final MediaEndpoint publisher = h.endpoint("pub", Negotiated.publisher(), pubOut);

  @Test
  void everySinkGetsACopyUnderItsOwnSsrcAndPayloadType_payloadAndMarkerUntouched() {
    RecordingOutput out1 = new RecordingOutput();
    RecordingOutput out2 = new RecordingOutput();
    MediaEndpoint sub1 = h.endpoint("sub1", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L), out1);
    // The second subscriber's browser picked yet another VP8 number, so each sink's own PT must be used.
    MediaEndpoint sub2 = h.endpoint("sub2", Negotiated.session(
        Negotiated.media(0, MediaKind.VIDEO, Direction.SENDONLY, Negotiated.vp8(98), 0x5200_0002L)), out2);
    assertThat(h.graph.link(publisher, sub1, MediaKind.VIDEO, T0)).isTrue();
    assertThat(h.graph.link(publisher, sub2, MediaKind.VIDEO, T0)).isTrue();
    assertThat(h.graph.link(publisher, sub1, MediaKind.AUDIO, T0)).isTrue();

    byte[] key = rtp(PUB_VP8, PUB_VIDEO_SSRC, 4000, 900_000, true, payload(1, 1000));
    byte[] delta = rtp(PUB_VP8, PUB_VIDEO_SSRC, 4001, 900_000, false, payload(2, 300));
    byte[] audio = rtp(PUB_OPUS, PUB_AUDIO_SSRC, 70, 48_000, true, payload(3, 80));
    h.receive(publisher, key, T0 + MS);
    h.receive(publisher, delta, T0 + 2 * MS);
    h.receive(publisher, audio, T0 + 3 * MS);

    assertThat(out1.rtp).hasSize(3);
    assertThat(out2.rtp).hasSize(2);
    for (RecordingOutput out : new RecordingOutput[] {out1, out2}) {
      long ssrc = out == out1 ? 0x5100_0002L : 0x5200_0002L;
      int pt = out == out1 ? SUB_VP8 : 98;
      RtpHeader first = out.rtpHeader(0);
      assertThat(first.ssrc()).isEqualTo(ssrc);
      assertThat(first.payloadType()).isEqualTo(pt);
      assertThat(first.marker()).isTrue();
      assertThat(first.sequenceNumber()).isEqualTo(4000);
      assertThat(first.timestamp()).isEqualTo(900_000);
      assertThat(payloadOf(out.rtp.get(0))).isEqualTo(payload(1, 1000));
      RtpHeader second = out.rtpHeader(1);
      assertThat(second.ssrc()).isEqualTo(ssrc);
      assertThat(second.payloadType()).isEqualTo(pt);
      assertThat(second.marker()).isFalse();
      assertThat(second.sequenceNumber()).isEqualTo(4001);
      assertThat(payloadOf(out.rtp.get(1))).isEqualTo(payload(2, 300));
    }
    RtpHeader audioOut = out1.rtpHeader(2);
    assertThat(audioOut.ssrc()).isEqualTo(0x5100_0001L);
    assertThat(audioOut.payloadType()).isEqualTo(SUB_OPUS);
    assertThat(audioOut.marker()).isTrue();
    assertThat(payloadOf(out1.rtp.get(2))).isEqualTo(payload(3, 80));
    // The caller's packet is not touched: the transport may still own it.
    assertThat(new RtpHeader().parseOrThrow(key, 0, key.length).ssrc()).isEqualTo(PUB_VIDEO_SSRC);
    assertThat(h.counters.traffic(Traffic.RTP_IN)).isEqualTo(3);
    assertThat(h.counters.traffic(Traffic.RTP_FORWARDED)).isEqualTo(5);
    assertThat(h.counters.totalDrops()).isZero();
  }

  @Test
  void switchingSourceKeepsTheSinksNumberingContinuousAcrossTheWrap_andAsksTheNewSourceForAKeyframe() {
    RecordingOutput bOut = new RecordingOutput();
    MediaEndpoint b = h.endpoint("b", Negotiated.publisher(), bOut);
    long bSsrc = 0xB0B0_0002L;
    RecordingOutput sOut = new RecordingOutput();
    MediaEndpoint sink = h.endpoint("sink", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L), sOut);
    h.graph.link(publisher, sink, MediaKind.VIDEO, T0);

    // Source A crosses the sequence wrap: 65530..65535, 0..3, one 30 fps frame (2970 ticks) every 33 ms.
    long now = T0;
    for (int i = 0; i < 10; i++) {
      now = T0 + i * 33 * MS;
      h.receive(publisher, rtp(PUB_VP8, PUB_VIDEO_SSRC, (65530 + i) & 0xFFFF, 1_000_000 + 2970L * i, true,
          payload(i, 100)), now);
    }
    long lastA = now;
    assertThat(sOut.rtp).hasSize(10);
    for (int i = 1; i < 10; i++) {
      assertThat((sOut.rtpHeader(i).sequenceNumber() - sOut.rtpHeader(i - 1).sequenceNumber()) & 0xFFFF).isEqualTo(1);
    }
    int lastSeq = sOut.lastRtpHeader().sequenceNumber();
    long lastTimestamp = sOut.lastRtpHeader().timestamp();
    assertThat(lastSeq).isEqualTo(3);

    // B already publishes (so it has an SSRC to ask a keyframe of) in its own, unrelated numbering.
    h.receive(b, rtp(PUB_VP8, bSsrc, 20_000, 7_000_000, true, payload(50, 100)), lastA + 5 * MS);
    h.receive(b, rtp(PUB_VP8, bSsrc, 20_001, 7_002_970, true, payload(51, 100)), lastA + 10 * MS);
    assertThat(bOut.plis()).isEmpty();
    assertThat(h.graph.link(b, sink, MediaKind.VIDEO, lastA + 20 * MS)).isTrue();
    assertThat(bOut.plis()).containsExactly(new PictureLossIndication(b.rtcpSsrc, bSsrc));

    // A's packets no longer reach the sink.
    h.receive(publisher, rtp(PUB_VP8, PUB_VIDEO_SSRC, 4, 1_000_000 + 2970L * 10, true, payload(10, 100)),
        lastA + 25 * MS);
    assertThat(sOut.rtp).hasSize(10);

    h.receive(b, rtp(PUB_VP8, bSsrc, 20_002, 7_005_940, true, payload(52, 100)), lastA + 40 * MS);
    h.receive(b, rtp(PUB_VP8, bSsrc, 20_003, 7_008_910, true, payload(53, 100)), lastA + 73 * MS);
    assertThat(sOut.rtp).hasSize(12);
    RtpHeader firstB = sOut.rtpHeader(10);
    RtpHeader secondB = sOut.rtpHeader(11);
    assertThat(firstB.ssrc()).isEqualTo(0x5100_0002L);
    assertThat(firstB.sequenceNumber()).isEqualTo(lastSeq + 1);
    assertThat(secondB.sequenceNumber()).isEqualTo(lastSeq + 2);
    // The gap in the sink's timeline is the 40 ms of wall time since its last packet, at 90 kHz.
    assertThat(firstB.timestamp()).isEqualTo(lastTimestamp + 40 * 90);
    assertThat(secondB.timestamp()).isEqualTo(lastTimestamp + 40 * 90 + 2970);
    assertThat(payloadOf(sOut.rtp.get(10))).isEqualTo(payload(52, 100));
  }

  @Test
  void aSourceThatRestartsItsSsrcKeepsTheSinksNumberingContinuous() {
    RecordingOutput sOut = new RecordingOutput();
    MediaEndpoint sink = h.endpoint("sink", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L), sOut);
    h.graph.link(publisher, sink, MediaKind.VIDEO, T0);
    h.receive(publisher, rtp(PUB_VP8, PUB_VIDEO_SSRC, 100, 50_000, true, payload(1, 10)), T0);
    h.receive(publisher, rtp(PUB_VP8, PUB_VIDEO_SSRC, 101, 52_970, true, payload(2, 10)), T0 + 33 * MS);
    // The browser restarted its encoder: new SSRC, new random sequence and timestamp bases.
    h.receive(publisher, rtp(PUB_VP8, 0xC0C0_0002L, 30_000, 9_000_000, true, payload(3, 10)), T0 + 100 * MS);

    assertThat(sOut.rtp).hasSize(3);
    assertThat(sOut.rtpHeader(2).ssrc()).isEqualTo(0x5100_0002L);
    assertThat(sOut.rtpHeader(2).sequenceNumber()).isEqualTo(102);
    assertThat(sOut.rtpHeader(2).timestamp()).isEqualTo(52_970 + 67 * 90);
  }

  @Test
  void extensionIdsAreRemappedPerSink_andElementsASinkDidNotNegotiateBecomePadding() {
    RecordingOutput out1 = new RecordingOutput();
    RecordingOutput out2 = new RecordingOutput();
    MediaEndpoint absOnly = h.endpoint("abs-only", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L), out1);
    // A second sink with both extensions at other ids: one sink's rewrite must not leak into the other's copy.
    MediaEndpoint both = h.endpoint("both", Negotiated.session(Negotiated.media(0, MediaKind.AUDIO,
        Direction.SENDONLY, Negotiated.opus(SUB_OPUS), 0x5200_0001L,
        new HeaderExtension(4, AUDIO_LEVEL), new HeaderExtension(2, ABS_SEND_TIME))), out2);
    h.graph.link(publisher, absOnly, MediaKind.AUDIO, T0);
    h.graph.link(publisher, both, MediaKind.AUDIO, T0);

    byte[] level = {(byte) 0x85};
    byte[] sendTime = {0x12, 0x34, 0x56};
    byte[] packet = rtp(new RtpWriter().extension(PUB_AUDIO_LEVEL_ID, level).extension(PUB_ABS_SEND_TIME_ID, sendTime),
        PUB_OPUS, PUB_AUDIO_SSRC, 1, 960, true, payload(7, 60));
    byte[] original = packet.clone();
    h.receive(publisher, packet, T0);

    assertThat(out1.rtp).hasSize(1);
    byte[] sent = out1.rtp.getFirst();
    RtpHeader hdr = new RtpHeader().parseOrThrow(sent, 0, sent.length);
    assertThat(sent).hasSameSizeAs(original);
    int at = hdr.findExtension(SUB_ABS_SEND_TIME_ID);
    assertThat(at).isPositive();
    assertThat(Arrays.copyOfRange(sent, at, at + hdr.foundExtensionLength())).isEqualTo(sendTime);
    assertThat(hdr.findExtension(PUB_AUDIO_LEVEL_ID)).isEqualTo(-1);
    assertThat(hdr.findExtension(PUB_ABS_SEND_TIME_ID)).isEqualTo(-1);
    // The audio-level element (one id/length byte, one data byte) is first in the block: now zero padding.
    int block = hdr.extensionOffset();
    assertThat(Arrays.copyOfRange(sent, block, block + 2)).containsExactly(0, 0);
    assertThat(payloadOf(sent)).isEqualTo(payload(7, 60));

    byte[] sent2 = out2.rtp.getFirst();
    RtpHeader hdr2 = new RtpHeader().parseOrThrow(sent2, 0, sent2.length);
    int levelAt = hdr2.findExtension(4);
    assertThat(Arrays.copyOfRange(sent2, levelAt, levelAt + hdr2.foundExtensionLength())).isEqualTo(level);
    int timeAt = hdr2.findExtension(2);
    assertThat(Arrays.copyOfRange(sent2, timeAt, timeAt + hdr2.foundExtensionLength())).isEqualTo(sendTime);
  }

  @Test
  void unknownPayloadTypesAndMalformedPacketsAreCountedDrops_andNothingIsForwarded() {
    RecordingOutput sOut = new RecordingOutput();
    MediaEndpoint sink = h.endpoint("sink", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L), sOut);
    h.graph.link(publisher, sink, MediaKind.VIDEO, T0);
    h.graph.link(publisher, sink, MediaKind.AUDIO, T0);

    // 97 was never negotiated (an RTX or RED the publisher sends anyway).
    h.receive(publisher, rtp(97, PUB_VIDEO_SSRC, 1, 1, false, payload(1, 50)), T0);
    byte[] badVersion = rtp(PUB_VP8, PUB_VIDEO_SSRC, 2, 2, false, payload(2, 50));
    badVersion[0] = (byte) (badVersion[0] & 0x3F | 0x40);
    h.receive(publisher, badVersion, T0);
    h.receive(publisher, Arrays.copyOf(rtp(PUB_VP8, PUB_VIDEO_SSRC, 3, 3, false, payload(3, 50)), 11), T0);
    byte[] extensionOverflow = rtp(new RtpWriter().extension(1, new byte[] {1}), PUB_OPUS, PUB_AUDIO_SSRC, 4, 4,
        false, new byte[0]);
    h.receive(publisher, extensionOverflow, T0);
    h.receive(publisher, Arrays.copyOf(extensionOverflow, extensionOverflow.length - 1), T0);

    assertThat(h.counters.drops(DropReason.RTP_UNKNOWN_PAYLOAD_TYPE)).isEqualTo(1);
    assertThat(h.counters.drops(DropReason.RTP_MALFORMED)).isEqualTo(3);
    assertThat(sOut.rtp).hasSize(1);
    assertThat(h.counters.traffic(Traffic.RTP_IN)).isEqualTo(1);
    assertThat(EndpointCounters.packetsReceived(publisher)).isEqualTo(1);
  }

  @Test
  void aSinkWhoseTransportIsNotReadyIsSkipped_whileTheOthersStillGetEveryPacket() {
    RecordingOutput notReady = new RecordingOutput();
    notReady.ready = false;
    RecordingOutput ready = new RecordingOutput();
    MediaEndpoint waiting = h.endpoint("waiting", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L), notReady);
    MediaEndpoint flowing = h.endpoint("flowing", Negotiated.subscriber(0x5200_0001L, 0x5200_0002L), ready);
    h.graph.link(publisher, waiting, MediaKind.VIDEO, T0);
    h.graph.link(publisher, flowing, MediaKind.VIDEO, T0);

    for (int i = 0; i < 5; i++) {
      h.receive(publisher, rtp(PUB_VP8, PUB_VIDEO_SSRC, 500 + i, 3000L * i, false, payload(i, 20)), T0 + i * MS);
    }
    assertThat(notReady.rtp).isEmpty();
    assertThat(notReady.rtcp).isEmpty();
    assertThat(ready.rtp).hasSize(5);
    assertThat(h.counters.traffic(Traffic.RTP_FORWARDED)).isEqualTo(5);
    assertThat(EndpointCounters.packetsSent(waiting)).isZero();

    notReady.ready = true;
    h.receive(publisher, rtp(PUB_VP8, PUB_VIDEO_SSRC, 505, 15_000, false, payload(5, 20)), T0 + 5 * MS);
    assertThat(notReady.rtp).hasSize(1);
    assertThat(notReady.rtpHeader(0).ssrc()).isEqualTo(0x5100_0002L);
    assertThat(ready.rtp).hasSize(6);
  }
}
