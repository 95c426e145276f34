package dev.switchboard.medianode.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Waits, bounded, until every expected reception shows audio and video arriving and growing,
 * or fails with what each receiving RTCPeerConnection saw; test thread only.
 */
public final class MediaFlowCheck {
  /** Decoded frames a reception needs before it counts, so a stray key frame is not enough. */
  static final long MIN_FRAMES = 10;

  /**
   * {@code viewer}'s page receiving, on {@code peer}, {@code source}'s media that {@code sender}
   * sends; {@code otherSide} describes what sits between them, for failure messages.
   */
  public record Reception(String viewer, String source, PagePeer peer, PagePeer sender, Supplier<String> otherSide) {
    /** Through the medianode: {@code receiving}'s endpoint gets its media from {@code sending}'s. */
    public static Reception of(String viewer, String source, KurentoPeer receiving, KurentoPeer sending) {
      return new Reception(viewer, source, receiving.page(), sending.page(), receiving::describeNodeSide);
    }
  }

  private MediaFlowCheck() {}

  /**
   * Polls every reception's stats until its video framesDecoded passed {@link #MIN_FRAMES} and
   * grew between two samples, and its audio packetsReceived and totalSamplesReceived grew between
   * two samples. {@code betweenPolls} runs before each round (to keep trickling candidates).
   */
  public static void assertFlowing(List<Reception> receptions, Duration wait, Runnable betweenPolls)
      throws InterruptedException {
    Map<Reception, PeerStats> last = new HashMap<>();
    Set<Reception> videoOk = new HashSet<>();
    Set<Reception> audioOk = new HashSet<>();
    boolean flowing = Poll.until(wait, () -> {
      betweenPolls.run();
      for (Reception r : receptions) {
        PeerStats now = r.peer().stats();
        PeerStats before = last.put(r, now);
        if (before == null) {
          continue;
        }
        if (now.framesDecoded() > MIN_FRAMES && now.framesDecoded() > before.framesDecoded()) {
          videoOk.add(r);
        }
        // Samples as well as packets: they only grow once audio is decoded and played out.
        if (now.audioPacketsReceived() > before.audioPacketsReceived()
            && now.audioSamplesReceived() > before.audioSamplesReceived()) {
          audioOk.add(r);
        }
      }
      return videoOk.size() == receptions.size() && audioOk.size() == receptions.size();
    });
    if (flowing) {
      return;
    }
    List<String> problems = new ArrayList<>();
    for (Reception r : receptions) {
      if (videoOk.contains(r) && audioOk.contains(r)) {
        continue;
      }
      PeerStats s = last.get(r);
      problems.add("page " + r.viewer() + " decoded " + s.framesDecoded() + " frames from " + r.source()
          + " after " + wait.toSeconds() + " s (video packets " + s.videoPacketsReceived()
          + ", audio packets " + s.audioPacketsReceived() + ", audio samples " + s.audioSamplesReceived()
          + "; video " + (videoOk.contains(r) ? "ok" : "NOT flowing") + ", audio "
          + (audioOk.contains(r) ? "ok" : "NOT flowing") + "); ICE state " + s.iceConnectionState()
          + ", DTLS state " + s.dtlsState() + ", selected pair " + s.selectedPair() + "; "
          + describeSender(r) + "; " + r.otherSide().get()
          + "; RTCPeerConnection stats (" + r.peer().label() + "): " + s);
    }
    throw new AssertionError(problems.size() + " of " + receptions.size() + " receptions without media:\n"
        + String.join("\n", problems));
  }

  /** Whether the media ever left the sending browser: tells a sender problem from a relay one. */
  private static String describeSender(Reception r) {
    PeerStats sent = r.sender().stats();
    return "sender " + r.sender().label() + ": ICE state " + sent.iceConnectionState() + ", DTLS state "
        + sent.dtlsState() + ", sent " + sent.videoPacketsSent() + " video packets (" + sent.framesEncoded()
        + " frames encoded) and " + sent.audioPacketsSent() + " audio packets";
  }
}
