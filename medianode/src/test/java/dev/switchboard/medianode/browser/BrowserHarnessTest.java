package dev.switchboard.medianode.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.browser.MediaFlowCheck.Reception;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The harness checked without the medianode: two connections of one page call each other
 * directly, so a failing medianode browser test can be blamed on the node, not on the page,
 * the stats summary or the media checks.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BrowserHarnessTest {

  @Test
  void twoPeersInOnePage_seeEachOthersMediaFlow() throws InterruptedException {
    try (PageServer pages = PageServer.start(); Browser browser = Browser.start()) {
      Page page = browser.open(pages.peerPage(), "A");
      PagePeer caller = page.startPeer("caller", PeerMode.SENDRECV);
      PagePeer callee = page.startPeer("callee", PeerMode.SENDRECV);

      String answer = callee.answerOffer(caller.createOffer());
      assertThat(caller.applyAnswer(answer)).isEqualTo("stable");

      Runnable trickle = () -> {
        caller.takeCandidates().forEach(callee::addCandidate);
        callee.takeCandidates().forEach(caller::addCandidate);
      };
      MediaFlowCheck.assertFlowing(List.of(
              new Reception("A/caller", "A/callee", caller, callee, () -> "direct call"),
              new Reception("A/callee", "A/caller", callee, caller, () -> "direct call")),
          BrowserLoopbackTest.MEDIA_WAIT, trickle);
    }
  }
}
