package dev.switchboard.medianode.media.forward;

import static dev.switchboard.medianode.media.forward.ForwardingHarness.MS;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.T0;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.payload;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.rtp;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_ABS_SEND_TIME_ID;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_VP8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.webrtc.rtp.RtpRewriter;
import dev.switchboard.webrtc.rtp.RtpWriter;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Checks that forwarding one packet to two sinks allocates nothing once warm, as the media thread's budget needs. */
class ForwarderAllocationTest {
  private static final int PACKETS = 100_000;
  // One 16-byte object per packet would be 1.6 MB; this leaves room only for measurement noise.
  private static final long ALLOWED_BYTES = 64 * 1024;

  /** An output that only counts, so the test measures the forwarder and not a recording double. */
  private static final class CountingOutput implements RtpOutput {
    long packets;
    long bytes;

    @Override
    public boolean ready() {
      return true;
    }

    @Override
    public int sendRtp(byte[] buf, int off, int len) {
      packets++;
      bytes += buf[off + len - 1];
      return len;
    }

    @Override
    public void resendProtected(byte[] buf, int off, int len) {
    }

    @Override
    public void sendRtcp(byte[] buf, int off, int len) {
    }
  }

  @Test
  void forwardingToTwoSinksAllocatesNothingOnceWarm() {
    ForwardingHarness h = new ForwardingHarness();
    MediaEndpoint publisher = h.endpoint("pub", Negotiated.publisher(), new CountingOutput());
    CountingOutput out1 = new CountingOutput();
    CountingOutput out2 = new CountingOutput();
    MediaEndpoint sub1 = h.endpoint("sub1", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L), out1);
    MediaEndpoint sub2 = h.endpoint("sub2", Negotiated.subscriber(0x5200_0001L, 0x5200_0002L), out2);
    h.graph.link(publisher, sub1, MediaKind.VIDEO, T0);
    h.graph.link(publisher, sub2, MediaKind.VIDEO, T0);
    // With an extension block, so the per-sink id rewrite is on the measured path too.
    byte[] packet = rtp(new RtpWriter().extension(PUB_ABS_SEND_TIME_ID, new byte[] {1, 2, 3}), PUB_VP8, 0xA0A0_0002L,
        0, 0, false, payload(1, 1100));

    // Warm up: fills both 1024-slot retransmission buffers and gets the loop compiled.
    int warmup = 20_000;
    forward(h, publisher, packet, 0, warmup);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    forward(h, publisher, packet, warmup, PACKETS);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(out1.packets).isEqualTo(warmup + PACKETS);
    assertThat(out2.packets).isEqualTo(warmup + PACKETS);
    assertThat(allocated).as("bytes allocated forwarding %d packets to 2 sinks", PACKETS).isLessThan(ALLOWED_BYTES);
  }

  private static void forward(ForwardingHarness h, MediaEndpoint from, byte[] packet, int first, int count) {
    for (int i = first; i < first + count; i++) {
      RtpRewriter.setSequenceNumber(packet, 0, i);
      RtpRewriter.setTimestamp(packet, 0, 3000L * (i / 3));
      h.forwarder.onRtp(from, packet, packet.length, T0 + i * 10 * MS / 3);
    }
  }
}
