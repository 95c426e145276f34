package dev.switchboard.medianode.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.browser.MediaFlowCheck.Reception;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.MediaPipeline;

/**
 * Kurento's hello-world tutorial against the medianode in real Chromium: one page sends camera
 * and microphone to a WebRtcEndpoint connected to itself and must get both back.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrowserLoopbackTest {
  static final Duration GATHERING_WAIT = Duration.ofSeconds(10);
  static final Duration MEDIA_WAIT = Duration.ofSeconds(20);

  @Test
  void pageGetsItsOwnAudioAndVideoBack() throws InterruptedException {
    // The pipeline is not released: closing the fixture stops the whole node.
    try (BrowserFixture fixture = BrowserFixture.start()) {
      MediaPipeline pipeline = fixture.kurento.createMediaPipeline();
      Page page = fixture.openPage("A");
      KurentoPeer peer = KurentoPeer.create(pipeline, page.startPeer("loopback", PeerMode.SENDRECV));
      peer.endpoint().connect(peer.endpoint());

      assertThat(peer.negotiate()).as("signaling state after setRemoteDescription(answer)").isEqualTo("stable");
      KurentoPeer.awaitGathered(List.of(peer), GATHERING_WAIT);

      MediaFlowCheck.assertFlowing(List.of(Reception.of("A", "A", peer, peer)), MEDIA_WAIT, peer::exchangeCandidates);
    }
  }
}
