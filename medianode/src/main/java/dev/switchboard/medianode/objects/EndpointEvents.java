package dev.switchboard.medianode.objects;

import dev.switchboard.medianode.media.forward.MediaListener;
import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.sdp.MediaKind;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what the media plane observes on one WebRtcEndpoint into Kurento's events and state
 * properties (IceComponentStateChanged, NewCandidatePairSelected, ConnectionStateChanged,
 * MediaStateChanged, MediaFlowIn/OutStateChanged, as KMS raises them). Callbacks arrive on the
 * media or a DTLS thread and are re-posted to the control thread, which alone reads and writes the
 * state here.
 */
final class EndpointEvents implements MediaListener {
  private final WebRtcEndpoint endpoint;
  private String iceState = "DISCONNECTED";
  private boolean connected;
  private final Map<MediaKind, Boolean> flowingIn = new EnumMap<>(MediaKind.class);
  private final Map<MediaKind, Boolean> flowingOut = new EnumMap<>(MediaKind.class);
  private String selectedLocal;
  private String selectedRemote;

  EndpointEvents(WebRtcEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  private void onControl(Runnable task) {
    endpoint.ctx.control().execute(() -> {
      if (!endpoint.released()) {
        task.run();
      }
    });
  }

  @Override
  public void iceStateChanged(String state) {
    onControl(() -> {
      if (state.equals(iceState)) {
        return;
      }
      iceState = state;
      endpoint.emit("IceComponentStateChanged",
          Json.object().put("streamId", 1).put("componentId", 1).put("state", state));
    });
  }

  @Override
  public void candidatePairSelected(InetSocketAddress local, InetSocketAddress remote) {
    String localText = candidate(local, "1");
    String remoteText = candidate(remote, "remote");
    onControl(() -> {
      selectedLocal = localText;
      selectedRemote = remoteText;
      ObjectNode pair = Json.complex("IceCandidatePair")
          .put("streamId", "1")
          .put("componentId", 1)
          .put("localCandidate", localText)
          .put("remoteCandidate", remoteText);
      endpoint.emit("NewCandidatePairSelected", Json.object().set("candidatePair", pair));
    });
  }

  private static String candidate(InetSocketAddress address, String foundation) {
    return IceCandidate.host(foundation, address.getAddress(), address.getPort(), 65535).toSdpValue();
  }

  @Override
  public void connectionChanged(boolean nowConnected) {
    onControl(() -> {
      if (nowConnected == connected) {
        return;
      }
      connected = nowConnected;
      String oldState = nowConnected ? "DISCONNECTED" : "CONNECTED";
      String newState = nowConnected ? "CONNECTED" : "DISCONNECTED";
      endpoint.emit("ConnectionStateChanged", Json.object().put("oldState", oldState).put("newState", newState));
      // KMS reports media as connected once the transport carries SRTP, which is when DTLS is done.
      endpoint.emit("MediaStateChanged", Json.object().put("oldState", oldState).put("newState", newState));
    });
  }

  @Override
  public void flowInChanged(MediaKind kind, boolean flowing) {
    onControl(() -> flow("MediaFlowInStateChanged", flowingIn, kind, flowing));
  }

  @Override
  public void flowOutChanged(MediaKind kind, boolean flowing) {
    onControl(() -> flow("MediaFlowOutStateChanged", flowingOut, kind, flowing));
  }

  private void flow(String event, Map<MediaKind, Boolean> states, MediaKind kind, boolean flowing) {
    if (states.getOrDefault(kind, false) == flowing) {
      return;
    }
    states.put(kind, flowing);
    endpoint.emit(event, Json.object()
        .put("state", flowing ? "FLOWING" : "NOT_FLOWING")
        .put("padName", "default")
        .put("mediaType", kind.name()));
  }

  String iceState() {
    return iceState;
  }

  String connectionState() {
    return connected ? "CONNECTED" : "DISCONNECTED";
  }

  boolean flowingIn(MediaKind kind) {
    return flowingIn.getOrDefault(kind, false);
  }

  boolean flowingOut(MediaKind kind) {
    return flowingOut.getOrDefault(kind, false);
  }

  String selectedLocal() {
    return selectedLocal;
  }

  String selectedRemote() {
    return selectedRemote;
  }
}
