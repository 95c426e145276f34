package dev.switchboard.medianode.browser;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One named RTCPeerConnection inside a {@link Page}; used from the test thread only, like the
 * page it lives in.
 */
public final class PagePeer {
  private final Page page;
  private final String name;

  PagePeer(Page page, String name) {
    this.page = page;
    this.name = name;
  }

  /** "page A, peer from-B": how failure messages name this connection. */
  public String label() {
    return "page " + page.name() + ", peer " + name;
  }

  /** createOffer + setLocalDescription; returns the offer SDP. */
  public String createOffer() {
    return page.call("createOffer", name).asString();
  }

  /** setRemoteDescription(offer) + createAnswer + setLocalDescription; returns the answer SDP. */
  public String answerOffer(String offer) {
    return page.call("answerOffer", name, offer).asString();
  }

  /** setRemoteDescription(answer); returns the signaling state it leaves. */
  public String applyAnswer(String answer) {
    return page.call("applyAnswer", name, answer).asString();
  }

  public void addCandidate(BrowserCandidate candidate) {
    page.call("addCandidate", name, candidate.toScriptArgument());
  }

  /** The local candidates gathered since the last call. */
  public List<BrowserCandidate> takeCandidates() {
    List<BrowserCandidate> out = new ArrayList<>();
    for (JsonNode c : page.call("takeCandidates", name)) {
      out.add(new BrowserCandidate(c.path("candidate").asString(), c.path("sdpMid").asString(null),
          c.path("sdpMLineIndex").asInt(0)));
    }
    return out;
  }

  public PeerStats stats() {
    return new PeerStats(page.call("stats", name));
  }
}
