package dev.switchboard.medianode.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.webrtc.peer.HeadlessPeer;
import dev.switchboard.webrtc.peer.PeerOptions;
import dev.switchboard.webrtc.peer.SyntheticPublisher;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.WebRtcEndpoint;

/**
 * The media plane end to end without a browser: headless peers in the client role (ICE
 * controlling, DTLS client, SRTP) publish and subscribe through the medianode, driven by the
 * official kurento-client exactly as the group-call tutorial drives browsers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeadlessPeerForwardingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void everySubscriberGetsThePublishersPackets_andEachStartTriggersAKeyframeRequest() throws Exception {
    try (MediaNodeFixture fixture = new MediaNodeFixture()) {
      WebRtcEndpoint publisherEndpoint = fixture.endpoint();
      List<String> publisherEvents = new CopyOnWriteArrayList<>();
      publisherEndpoint.addConnectionStateChangedListener(e -> publisherEvents.add("connection " + e.getNewState()));
      publisherEndpoint.addMediaFlowInStateChangedListener(
          e -> publisherEvents.add("flow-in " + e.getMediaType() + " " + e.getState()));
      publisherEndpoint.addNewCandidatePairSelectedListener(e -> publisherEvents.add("pair selected"));
      HeadlessPeer publisher = fixture.negotiate(publisherEndpoint, PeerOptions.publisher());
      SyntheticPublisher media = new SyntheticPublisher(publisher, 1000);

      // Media flows in the background while subscribers join one by one, as in a real room.
      AtomicBoolean sending = new AtomicBoolean(true);
      Thread sender = Thread.ofPlatform().daemon(true).start(() -> {
        while (sending.get()) {
          media.send(MediaKind.AUDIO);
          media.send(MediaKind.VIDEO);
          sleepMillis(20);
        }
      });
      List<HeadlessPeer> subscribers = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          long plisBefore = publisher.stats().pliReceived();
          WebRtcEndpoint subscriberEndpoint = fixture.endpoint();
          publisherEndpoint.connect(subscriberEndpoint);
          HeadlessPeer subscriber = fixture.negotiate(subscriberEndpoint, PeerOptions.subscriber());
          subscribers.add(subscriber);
          Await.until(WAIT, () -> publisher.stats().pliReceived() > plisBefore,
              () -> "no PLI reached the publisher after subscriber " + subscribers.size() + " connected");
        }
        for (HeadlessPeer s : subscribers) {
          Await.until(WAIT, () -> s.stats().videoPackets() > 10 && s.stats().audioPackets() > 10,
              () -> "subscriber got " + s.stats().videoPackets() + " video / " + s.stats().audioPackets() + " audio");
        }
      } finally {
        sending.set(false);
        sender.join(2_000);
      }

      // A counted burst: every subscriber must get every packet (loopback does not lose them).
      long[] videoBefore = subscribers.stream().mapToLong(s -> s.stats().videoPackets()).toArray();
      long[] audioBefore = subscribers.stream().mapToLong(s -> s.stats().audioPackets()).toArray();
      int burst = 300;
      for (int i = 0; i < burst; i++) {
        assertThat(media.send(MediaKind.VIDEO)).isTrue();
        assertThat(media.send(MediaKind.AUDIO)).isTrue();
        if (i % 20 == 0) {
          sleepMillis(5);
        }
      }
      for (int i = 0; i < subscribers.size(); i++) {
        HeadlessPeer s = subscribers.get(i);
        long v0 = videoBefore[i];
        long a0 = audioBefore[i];
        Await.until(WAIT, () -> s.stats().videoPackets() - v0 >= burst && s.stats().audioPackets() - a0 >= burst,
            () -> "subscriber got " + (s.stats().videoPackets() - v0) + " video and "
                + (s.stats().audioPackets() - a0) + " audio of " + burst);
        assertThat(s.stats().srtpFailures()).isZero();
        assertThat(s.stats().otherPackets()).as("packets with a payload type the subscriber did not negotiate").isZero();
        assertThat(s.stats().unexpectedSsrcs()).as("packets not under the SSRCs the answer announced").isZero();
        assertThat(s.stats().latencySamples()).isGreaterThan(0);
      }
      Await.until(WAIT, () -> publisherEvents.contains("connection CONNECTED")
              && publisherEvents.contains("flow-in VIDEO FLOWING") && publisherEvents.contains("flow-in AUDIO FLOWING")
              && publisherEvents.contains("pair selected"),
          () -> "publisher events: " + publisherEvents);
    }
  }

  @Test
  void loopbackEchoesThePeersOwnMedia_andReleaseFreesTheTransport() throws Exception {
    try (MediaNodeFixture fixture = new MediaNodeFixture()) {
      WebRtcEndpoint endpoint = fixture.endpoint();
      endpoint.connect(endpoint);
      PeerOptions both = new PeerOptions(java.net.InetAddress.getLoopbackAddress(), true, true, true, true,
          Duration.ofSeconds(10));
      HeadlessPeer peer = fixture.negotiate(endpoint, both);
      SyntheticPublisher media = new SyntheticPublisher(peer, 800);
      for (int i = 0; i < 100; i++) {
        media.send(MediaKind.VIDEO);
        media.send(MediaKind.AUDIO);
        if (i % 10 == 0) {
          sleepMillis(5); // paced like real media, so a loaded machine does not overflow socket buffers
        }
      }
      Await.until(WAIT, () -> peer.stats().videoPackets() >= 100 && peer.stats().audioPackets() >= 100,
          () -> "echoed " + peer.stats().videoPackets() + " video / " + peer.stats().audioPackets() + " audio");
      assertThat(fixture.node.mediaPlane().openTransports()).isEqualTo(1);
      endpoint.release();
      Await.until(WAIT, () -> fixture.node.mediaPlane().openTransports() == 0,
          () -> fixture.node.mediaPlane().openTransports() + " transports still open");
    }
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
