package dev.switchboard.medianode.browser;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.kurento.client.IceCandidate;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;

/**
 * One page's RTCPeerConnection wired to one WebRtcEndpoint the way the Kurento tutorials do it
 * (processOffer, gatherCandidates, trickle both ways). kurento-client fires the listeners on its
 * own threads, which only queue; everything that touches the page runs on the test thread.
 */
public final class KurentoPeer {
  private static final int MAX_EVENTS = 40;

  private final PagePeer page;
  private final WebRtcEndpoint endpoint;
  private final Queue<IceCandidate> fromNode = new ConcurrentLinkedQueue<>();
  private final Queue<String> events = new ConcurrentLinkedQueue<>();
  private volatile boolean gatheringDone;
  // Test thread only.
  private int candidatesToPage;
  private int candidatesToNode;

  private KurentoPeer(PagePeer page, WebRtcEndpoint endpoint) {
    this.page = page;
    this.endpoint = endpoint;
  }

  /** Creates the endpoint and subscribes to its events before anything can fire them. */
  public static KurentoPeer create(MediaPipeline pipeline, PagePeer page) {
    KurentoPeer peer = new KurentoPeer(page, new WebRtcEndpoint.Builder(pipeline).build());
    WebRtcEndpoint ep = peer.endpoint;
    ep.addIceCandidateFoundListener(e -> peer.fromNode.add(e.getCandidate()));
    ep.addIceGatheringDoneListener(e -> {
      peer.gatheringDone = true;
      peer.note("IceGatheringDone");
    });
    // The rest only feed the failure message: they tell how far the node thinks media got.
    ep.addIceComponentStateChangedListener(e -> peer.note("IceComponentStateChanged " + e.getState()));
    ep.addNewCandidatePairSelectedListener(e -> peer.note("NewCandidatePairSelected "
        + e.getCandidatePair().getLocalCandidate() + " <-> " + e.getCandidatePair().getRemoteCandidate()));
    ep.addConnectionStateChangedListener(e -> peer.note("ConnectionStateChanged " + e.getNewState()));
    ep.addMediaStateChangedListener(e -> peer.note("MediaStateChanged " + e.getNewState()));
    ep.addMediaFlowInStateChangedListener(e -> peer.note("MediaFlowInStateChanged " + e.getMediaType()
        + " " + e.getState()));
    ep.addMediaFlowOutStateChangedListener(e -> peer.note("MediaFlowOutStateChanged " + e.getMediaType()
        + " " + e.getState()));
    return peer;
  }

  public WebRtcEndpoint endpoint() {
    return endpoint;
  }

  public PagePeer page() {
    return page;
  }

  /**
   * Offer from the page, {@code processOffer}, answer back to the page, {@code gatherCandidates}.
   * Returns the page's signaling state after setRemoteDescription(answer); a rejected answer
   * throws with the browser's error and the answer itself.
   */
  public String negotiate() {
    String offer = page.createOffer();
    String answer = endpoint.processOffer(offer);
    String state;
    try {
      state = page.applyAnswer(answer);
    } catch (Page.PageScriptException e) {
      throw new AssertionError(page.label() + ": the browser rejected the medianode's answer: "
          + e.getMessage() + "\n--- answer ---\n" + answer, e);
    }
    endpoint.gatherCandidates();
    return state;
  }

  /** Hands queued node candidates to the page and the page's new candidates to the node. */
  public void exchangeCandidates() {
    for (IceCandidate c; (c = fromNode.poll()) != null; ) {
      page.addCandidate(new BrowserCandidate(c.getCandidate(), c.getSdpMid(), c.getSdpMLineIndex()));
      candidatesToPage++;
    }
    for (BrowserCandidate c : page.takeCandidates()) {
      endpoint.addIceCandidate(new IceCandidate(c.candidate(), c.sdpMid(), c.sdpMLineIndex()));
      candidatesToNode++;
    }
  }

  public boolean gatheringDone() {
    return gatheringDone;
  }

  public int candidatesToPage() {
    return candidatesToPage;
  }

  /** What the node side saw, for failure messages. */
  public String describeNodeSide() {
    return "endpoint " + endpoint.getId() + ": " + candidatesToPage + " candidates to the page, "
        + candidatesToNode + " from it; events in delivery order " + List.copyOf(events);
  }

  /**
   * Waits until every peer's endpoint has sent IceGatheringDone and at least one candidate has
   * reached its page, exchanging candidates meanwhile; fails naming the peers that did not.
   */
  public static void awaitGathered(Collection<KurentoPeer> peers, Duration timeout) throws InterruptedException {
    boolean all = Poll.until(timeout, () -> {
      peers.forEach(KurentoPeer::exchangeCandidates);
      return peers.stream().allMatch(p -> p.gatheringDone && p.candidatesToPage > 0);
    });
    if (!all) {
      throw new AssertionError("Within " + timeout.toSeconds() + " s these endpoints did not trickle candidates "
          + "and IceGatheringDone:\n" + peers.stream()
              .filter(p -> !p.gatheringDone || p.candidatesToPage == 0)
              .map(p -> p.page.label() + ": gatheringDone=" + p.gatheringDone + ", " + p.describeNodeSide())
              .collect(Collectors.joining("\n")));
    }
  }

  private void note(String event) {
    if (events.size() < MAX_EVENTS) {
      events.add(event);
    }
  }
}
