package dev.switchboard.medianode.media.forward;

import static dev.switchboard.medianode.media.forward.ForwardingHarness.MS;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.T0;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.payload;
import static dev.switchboard.medianode.media.forward.ForwardingHarness.rtp;
import static dev.switchboard.medianode.media.forward.Negotiated.PUB_VP8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.webrtc.sdp.MediaKind;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MediaFlowIn/OutStateChanged: one event per change, flowing on the first packet, not flowing after 2 s of silence. */
class FlowMonitorTest {
  private final ForwardingHarness h = new ForwardingHarness();
  private final FlowMonitor flow = new FlowMonitor();
  private final Recording pubEvents = new Recording();
  private final Recording subEvents = new Recording();
  private final MediaEndpoint publisher = h.endpoint("pub", Negotiated.publisher(), new RecordingOutput(), pubEvents);
  private final MediaEndpoint subscriber = h.endpoint("sub", Negotiated.subscriber(0x5100_0001L, 0x5100_0002L),
      new RecordingOutput(), subEvents);

  /** Keeps the flow events it is told about, in order. */
  private static final class Recording implements MediaListener {
    final List<String> events = new ArrayList<>();

    @Override
    public void iceStateChanged(String state) {
    }

    @Override
    public void candidatePairSelected(InetSocketAddress local, InetSocketAddress remote) {
    }

    @Override
    public void connectionChanged(boolean connected) {
    }

    @Override
    public void flowInChanged(MediaKind kind, boolean flowing) {
      events.add("in " + kind + " " + flowing);
    }

    @Override
    public void flowOutChanged(MediaKind kind, boolean flowing) {
      events.add("out " + kind + " " + flowing);
    }
  }

  private void check(long now) {
    flow.check(publisher, now);
    flow.check(subscriber, now);
  }

  @Test
  void flowFlipsOnTheFirstPacketAndBackAfterTwoQuietSeconds_oncePerChange() {
    h.graph.link(publisher, subscriber, MediaKind.VIDEO, T0);
    check(T0);
    assertThat(pubEvents.events).isEmpty();
    assertThat(subEvents.events).isEmpty();

    long last = T0;
    for (int i = 0; i < 30; i++) {
      last = T0 + 100 * MS + i * 33 * MS;
      h.receive(publisher, rtp(PUB_VP8, 0xA0A0_0002L, i, 2970L * i, false, payload(i, 100)), last);
      check(last);
    }
    assertThat(pubEvents.events).containsExactly("in VIDEO true");
    assertThat(subEvents.events).containsExactly("out VIDEO true");

    check(last + 1999 * MS);
    assertThat(pubEvents.events).hasSize(1);
    assertThat(subEvents.events).hasSize(1);
    check(last + 2000 * MS);
    check(last + 3000 * MS);
    check(last + 60_000 * MS);
    assertThat(pubEvents.events).containsExactly("in VIDEO true", "in VIDEO false");
    assertThat(subEvents.events).containsExactly("out VIDEO true", "out VIDEO false");

    h.receive(publisher, rtp(PUB_VP8, 0xA0A0_0002L, 30, 2970L * 30, false, payload(30, 100)), last + 61_000 * MS);
    check(last + 61_000 * MS);
    assertThat(pubEvents.events).containsExactly("in VIDEO true", "in VIDEO false", "in VIDEO true");
    assertThat(subEvents.events).containsExactly("out VIDEO true", "out VIDEO false", "out VIDEO true");
  }

  @Test
  void packetsThatAreNotForwardedStillCountAsFlowingIn_butNotOut() {
    // No sink linked: the publisher's media arrives, nothing leaves.
    h.receive(publisher, rtp(PUB_VP8, 0xA0A0_0002L, 1, 1, false, payload(1, 100)), T0);
    check(T0);
    assertThat(pubEvents.events).containsExactly("in VIDEO true");
    assertThat(subEvents.events).isEmpty();
  }
}
