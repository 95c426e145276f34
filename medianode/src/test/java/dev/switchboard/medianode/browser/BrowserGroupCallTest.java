package dev.switchboard.medianode.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.medianode.browser.MediaFlowCheck.Reception;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.MediaPipeline;

/**
 * Kurento's group-call tutorial against the medianode in real Chromium: three pages each publish
 * on their own sendonly endpoint and watch each other on one recvonly endpoint per other member,
 * and every page must decode the other two.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BrowserGroupCallTest {
  private static final List<String> MEMBERS = List.of("A", "B", "C");

  @Test
  void everyMemberReceivesEveryOtherMember() throws InterruptedException {
    // The pipeline is not released: closing the fixture stops the whole node.
    try (BrowserFixture fixture = BrowserFixture.start()) {
      MediaPipeline room = fixture.kurento.createMediaPipeline();
      Map<String, Page> pages = new LinkedHashMap<>();
      Map<String, KurentoPeer> outgoing = new LinkedHashMap<>();
      List<KurentoPeer> all = new ArrayList<>();
      for (String member : MEMBERS) {
        Page page = fixture.openPage(member);
        pages.put(member, page);
        KurentoPeer out = KurentoPeer.create(room, page.startPeer("out", PeerMode.SENDONLY));
        assertThat(out.negotiate()).as("page %s publisher: signaling state after the answer", member)
            .isEqualTo("stable");
        outgoing.put(member, out);
        all.add(out);
      }

      List<Reception> receptions = new ArrayList<>();
      for (String viewer : MEMBERS) {
        for (String presenter : MEMBERS) {
          if (presenter.equals(viewer)) {
            continue;
          }
          // As the tutorial's UserSession.getEndpointForUser: connect before processOffer.
          KurentoPeer incoming = KurentoPeer.create(room, pages.get(viewer).startPeer("from-" + presenter,
              PeerMode.RECVONLY));
          outgoing.get(presenter).endpoint().connect(incoming.endpoint());
          assertThat(incoming.negotiate()).as("page %s viewing %s: signaling state after the answer", viewer, presenter)
              .isEqualTo("stable");
          all.add(incoming);
          receptions.add(Reception.of(viewer, presenter, incoming, outgoing.get(presenter)));
        }
      }
      KurentoPeer.awaitGathered(all, BrowserLoopbackTest.GATHERING_WAIT);

      MediaFlowCheck.assertFlowing(receptions, BrowserLoopbackTest.MEDIA_WAIT,
          () -> all.forEach(KurentoPeer::exchangeCandidates));
    }
  }
}
