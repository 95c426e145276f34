package dev.switchboard.medianode.media.forward;

import dev.switchboard.webrtc.sdp.MediaKind;
import java.net.InetSocketAddress;

/**
 * What the media plane tells the control plane about one endpoint, as Kurento events report it
 * (IceComponentStateChanged, NewCandidatePairSelected, ConnectionStateChanged, MediaStateChanged,
 * MediaFlowIn/OutStateChanged). Called on the media thread or a DTLS thread: implementations must
 * hand the work to their own thread and return at once.
 */
public interface MediaListener {
  /** ICE component state as a lite agent sees it: CONNECTING, CONNECTED, READY, DISCONNECTED or FAILED. */
  void iceStateChanged(String state);

  void candidatePairSelected(InetSocketAddress local, InetSocketAddress remote);

  /** DTLS finished (true) or the transport was lost (false). */
  void connectionChanged(boolean connected);

  void flowInChanged(MediaKind kind, boolean flowing);

  void flowOutChanged(MediaKind kind, boolean flowing);

  /** Nothing to report; tests and endpoints without listeners use it. */
  MediaListener NONE = new MediaListener() {
    @Override public void iceStateChanged(String state) { }
    @Override public void candidatePairSelected(InetSocketAddress local, InetSocketAddress remote) { }
    @Override public void connectionChanged(boolean connected) { }
    @Override public void flowInChanged(MediaKind kind, boolean flowing) { }
    @Override public void flowOutChanged(MediaKind kind, boolean flowing) { }
  };
}
