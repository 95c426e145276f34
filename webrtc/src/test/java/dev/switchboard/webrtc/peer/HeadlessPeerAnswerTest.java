package dev.switchboard.webrtc.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.webrtc.sdp.MediaKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The answerer role Janus's subscribers need: one headless peer offers and sends, another answers
 * (ICE-lite, DTLS server) and receives, with no SFU between them.
 */
class HeadlessPeerAnswerTest {

  @Test
  void anAnsweringPeerConnectsAndReceivesWhatTheOffererSends() throws Exception {
    try (HeadlessPeer sender = HeadlessPeer.create(PeerOptions.publisher());
         HeadlessPeer receiver = HeadlessPeer.create(PeerOptions.subscriber())) {
      String answer = receiver.acceptOffer(sender.createOffer());
      assertThat(answer).contains("a=ice-lite", "a=setup:passive", "a=recvonly");
      sender.acceptAnswer(answer);

      // The answerer waits for the offerer's checks, so both connect at once.
      CompletableFuture<Void> answering = CompletableFuture.runAsync(receiver::connect);
      sender.connect();
      answering.get(15, TimeUnit.SECONDS);
      assertThat(receiver.connected()).isTrue();

      SyntheticPublisher media = new SyntheticPublisher(sender, 1000);
      for (int i = 0; i < 20; i++) {
        assertThat(media.send(MediaKind.VIDEO)).isTrue();
        assertThat(media.send(MediaKind.AUDIO)).isTrue();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while ((receiver.stats().videoPackets() < 20 || receiver.stats().audioPackets() < 20)
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(receiver.stats().videoPackets()).isEqualTo(20);
      assertThat(receiver.stats().audioPackets()).isEqualTo(20);
      assertThat(receiver.stats().srtpFailures()).isZero();
      assertThat(receiver.stats().unexpectedSsrcs()).isZero();
      assertThat(receiver.stats().latencySamples()).isEqualTo(40);
    }
  }
}
